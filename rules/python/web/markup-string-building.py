from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from markupsafe import Markup
from markupsafe import escape as mescape

register = template.Library()

ICON = "<svg class='icon'></svg>"


@register.filter
def highlight(text, word):
    # ruleid: python.markup-string-building
    return mark_safe(text.replace(word, f"<mark>{word}</mark>"))


@register.simple_tag
def user_badge(user):
    # ruleid: python.markup-string-building
    return mark_safe("<span class='badge'>%s</span>" % user.username)


def flash_message(message, level="info"):
    # ruleid: python.markup-string-building
    return Markup('<div class="alert alert-' + level + '">' + message + "</div>")


def link(url, label):
    # ruleid: python.markup-string-building
    return format_html(f'<a href="{url}">{label}</a>')


@register.simple_tag
def user_badge_safe(user):
    # ok: python.markup-string-building
    return format_html("<span class='badge'>{}</span>", user.username)


def flash_message_safe(message, level="info"):
    # ok: python.markup-string-building
    return Markup('<div class="alert alert-{}">{}</div>').format(level, message)


def escaped_title(title):
    # ok: python.markup-string-building
    return mark_safe(f"<h1>{escape(title)}</h1>")


def icon_button(label):
    # ok: python.markup-string-building
    return Markup(f"<button>{ICON}</button>")


def static_markup():
    # ok: python.markup-string-building
    return mark_safe("<hr class='divider'>")


def escaped_markupsafe(name):
    # ok: python.markup-string-building
    return Markup(f"<i>{mescape(name)}</i>")
