"""Profile editing for a Django site."""
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .models import Profile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "bio", "avatar"]  # bench: safe CWE-915


@login_required
def edit_profile(request):
    profile = request.user.profile
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        if form.is_valid():
            form.save()
            return redirect("profile")
    else:
        form = ProfileForm(instance=profile)
    return render(request, "profile/edit.html", {"form": form})
