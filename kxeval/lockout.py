"""The login lockout (django-axes): who the client is, and what a locked-out user sees.

Settings name these two functions (AXES_CLIENT_IP_CALLABLE, AXES_LOCKOUT_CALLABLE); the rest of
the lockout is axes' own, configured in kxeval/settings.py.
"""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render


def client_ip(request):
    """The address the login attempt came from.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it received
    the request from to X-Forwarded-For, the client is that many entries from the right: what
    stands further left the client wrote itself and could be anything. Without proxies, or
    when the header is shorter than the proxies would make it, REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response, credentials):
    """The login page again, empty, with the lockout explained, as 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": AuthenticationForm(request),
        "next": request.POST.get("next", ""),
        "lockout_message": (
            f"登录失败次数过多，账号已暂时锁定，请 {minutes} 分钟后再试或联系管理员。"
        ),
    }
    return render(request, "registration/login.html", context,
                  status=settings.AXES_HTTP_RESPONSE_CODE)
