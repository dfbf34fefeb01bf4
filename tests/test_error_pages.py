"""Error pages are the application's, in Chinese, and say whether anything was saved."""

from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.views import defaults


def test_unknown_page_is_the_chinese_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "页面不存在（404）" in text
    assert "返回报告列表" in text


def test_expired_form_is_refused_with_a_chinese_page_that_says_nothing_was_saved(filler):
    client = Client(enforce_csrf_checks=True)
    client.force_login(filler)
    response = client.post("/reports/new/", {"year": "2030"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "页面已过期，未保存" in text
    assert "CSRF" not in text


def test_server_error_and_bad_request_pages_render_without_a_request_context(db):
    request = RequestFactory().get("/")
    error = defaults.server_error(request)
    assert error.status_code == 500
    assert "系统出错（500）" in error.content.decode()
    bad = defaults.bad_request(request, SuspiciousOperation())
    assert bad.status_code == 400
    assert "请求无法处理（400）" in bad.content.decode()
