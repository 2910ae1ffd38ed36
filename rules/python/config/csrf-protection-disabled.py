import hashlib
import hmac
import json
import os

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Account

WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


# ruleid: python.csrf-protection-disabled
@csrf_exempt
@require_POST
def change_email(request):
    account = Account.objects.get(user=request.user)
    account.email = request.POST["email"]
    account.save()
    return JsonResponse({"ok": True})


# ruleid: python.csrf-protection-disabled
@csrf_exempt
def transfer(request):
    data = json.loads(request.body)
    Account.objects.get(user=request.user).transfer(data["to"], data["amount"])
    return JsonResponse({"ok": True})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    # ok: python.csrf-protection-disabled
    signature = request.headers.get("Stripe-Signature", "")
    expected = hmac.new(WEBHOOK_SECRET, request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return HttpResponse(status=400)
    return HttpResponse(status=200)


# ok: python.csrf-protection-disabled
@csrf_exempt
def receive_event(request):
    signature = request.headers.get("X-Signature", "")
    expected = hmac.new(WEBHOOK_SECRET, request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return HttpResponse(status=403)
    return HttpResponse(status=204)


@require_POST
def update_profile(request):
    # ok: python.csrf-protection-disabled
    account = Account.objects.get(user=request.user)
    account.bio = request.POST["bio"]
    account.save()
    return JsonResponse({"ok": True})
