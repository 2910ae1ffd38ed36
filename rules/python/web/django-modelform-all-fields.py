from django import forms
from rest_framework import serializers

from .models import Article, Comment, Order, Profile


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        # ruleid: python.django-modelform-all-fields
        fields = "__all__"


class ProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = Profile
        # ruleid: python.django-modelform-all-fields
        fields = "__all__"


class OrderSerializer(serializers.HyperlinkedModelSerializer):
    total = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Order
        # ruleid: python.django-modelform-all-fields
        fields = '__all__'


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        # ok: python.django-modelform-all-fields
        fields = ["author_name", "body"]


class ProfileSafeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Profile
        # ok: python.django-modelform-all-fields
        fields = ("display_name", "bio")
        read_only_fields = ("id",)


class ContactForm(forms.Form):
    class Meta:
        # not a model form: nothing is saved from it automatically
        # ok: python.django-modelform-all-fields
        fields = "__all__"
