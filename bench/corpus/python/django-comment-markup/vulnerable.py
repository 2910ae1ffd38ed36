"""Comment rendering helpers and views for a Django blog."""
from django import template
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe

from .models import Comment, Post

register = template.Library()


@register.filter
def render_comment(comment):
    return mark_safe(f"<p class='comment'><b>{comment.author}</b>: {comment.body}</p>")  # bench: vuln CWE-79


def add_comment(request, post_id):
    post = get_object_or_404(Post, pk=post_id)
    author = request.POST.get("author", "anonymous")
    body = request.POST.get("body", "")
    Comment.objects.create(post=post, author=author, body=body)
    return HttpResponse("<p>Thanks, " + author + "! Your comment is awaiting moderation.</p>")  # bench: vuln CWE-79


def comment_count(request, post_id):
    count = Comment.objects.filter(post_id=post_id).count()
    return HttpResponse(str(count), content_type="text/plain")
