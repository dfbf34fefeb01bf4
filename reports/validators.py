"""Field validators with messages that tell the clerk what to type."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator

PHONE_RE = re.compile(r"^[0-9][0-9\- ]{4,18}[0-9]$|^\([0-9]{3,4}\)[0-9\- ]{5,12}$")
BUDGET_CODE_RE = re.compile(r"^[0-9A-Za-z]{1,20}$")

# PostgreSQL cannot store NUL in text; Django's form fields refuse it, with a message whose
# Chinese translation speaks of an empty string. NUL comes from pasting, so say where.
no_null_characters = ProhibitNullCharactersValidator(
    message="内容中有不可见的空字符（多半是复制粘贴带来的），请删除后重新输入"
)


def validate_phone(value):
    if value and not PHONE_RE.match(value.strip()):
        raise ValidationError(
            "联系电话只能填写数字、空格和连字符，例如 18821881911 或 0730-1234567",
            code="phone",
        )


def validate_budget_code(value):
    if not BUDGET_CODE_RE.match(value):
        raise ValidationError("预算编码只能包含数字和字母，例如 505001", code="budget_code")
