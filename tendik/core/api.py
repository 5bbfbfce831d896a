"""Shared API pieces: the error mapping, role permissions, token login and the audit API."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
)
from knox.auth import TokenAuthentication
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError
from .filters import AuditEntryFilterSet
from .http import client_ip
from .models import AuditEntry, Job, JobStatus
from .permissions import is_manager
from .selectors import audit_entries_visible_to, jobs_visible_to
from .serializers import NotFoundSerializer
from .services import api_token_issue, api_token_revoke

DOMAIN_STATUS = {"forbidden": 403, "not_found": 404, "conflict": 409, "too_large": 413,
                 "bad_type": 400}


def _join(path: str, key) -> str:
    """A dotted path; a nested list's own error (DRF's non_field_errors) names the list."""
    if key == api_settings.NON_FIELD_ERRORS_KEY and path:
        return path
    return f"{path}.{key}" if path else str(key)


def _flatten(detail, path: str = "") -> list[dict]:
    """DRF's nested error map as a flat list naming each field by its dotted path."""
    if isinstance(detail, dict):
        return [item for key, value in detail.items() for item in _flatten(value, _join(path, key))]
    if isinstance(detail, list):
        if all(isinstance(value, str) for value in detail):
            return [{"field": path or api_settings.NON_FIELD_ERRORS_KEY, "message": str(value)}
                    for value in detail]
        return [item for index, value in enumerate(detail)
                for item in _flatten(value, _join(path, index))]
    return [{"field": path or api_settings.NON_FIELD_ERRORS_KEY, "message": str(detail)}]


def _validation_body(exc: ValidationError) -> dict:
    errors = _flatten(exc.detail)
    detail = errors[0]["message"] if len(errors) == 1 else _(
        "Данные не приняты: ошибок — %(count)s.") % {"count": len(errors)}
    return {"detail": detail, "errors": errors}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        status_code = DOMAIN_STATUS.get(exc.code, 400)
        body = {"detail": str(exc)}
        if exc.errors or status_code == 400:
            body["errors"] = exc.errors
        if getattr(exc, "current", None) is not None:
            body["current"] = exc.current
        return Response(body, status=status_code)
    if isinstance(exc, (ObjectDoesNotExist, Http404)):
        # Django's own message names the model in English («No Project matches …»).
        exc = NotFound(_("Не найдено."))
    if isinstance(exc, RequestDataTooBig):  # Django would answer with its HTML 400 page
        return Response({"detail": _("Слишком большой запрос."), "errors": []},
                        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, ValidationError):
        response.data = _validation_body(exc)
    elif response is not None and response.status_code == 400:
        response.data = {"detail": response.data.get("detail", ""), "errors": []}
    return response


class ReadAllWriteManagers(permissions.BasePermission):
    """Every signed-in role reads within its scope; coordinators and admins write."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        return request.method in permissions.SAFE_METHODS or is_manager(request.user)


# Detail actions find the object in the caller's scope before reading the request body, so an
# object outside it is a 404 whatever the body holds (never a 400 that confirms it exists).
# (A comment, not a docstring: drf-spectacular would print a docstring into every operation.)
class ScopeFirstMixin:

    def get_object(self):
        if getattr(self, "_scoped_object", None) is None:
            self._scoped_object = super().get_object()
        return self._scoped_object

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if kwargs.get(self.lookup_url_kwarg or self.lookup_field) is not None:
            self.get_object()


class ManagersOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and is_manager(request.user))


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: JSON for the API, the lockout page elsewhere."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path.startswith("/api/"):
        message = _("Слишком много неудачных попыток входа. Попробуйте снова через %(minutes)s "
                    "мин.") % {"minutes": minutes}
        return JsonResponse({"detail": message, "errors": []}, status=429)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE,
                  {"cooloff_time": _("%(minutes)s мин.") % {"minutes": minutes}}, status=429)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class LoginRateThrottle(AnonRateThrottle):
    """Token logins per client address, whatever the username: password spraying is slowed."""

    scope = "login"

    def get_rate(self) -> str:
        return settings.TENDIK_LOGIN_RATE

    def get_ident(self, request) -> str:
        return client_ip(request)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField(allow_null=True, help_text="When the token stops working.")


class TokenErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.DictField(), required=False)


class TokenLoginView(APIView):
    """Exchange a username and password for a new expiring API token.

    Each login gets its own token. Limited per address (the `login` rate) and locked per
    username and address by django-axes, like the login page.
    """

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [LoginRateThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer, 400: TokenErrorSerializer,
                   429: TokenErrorSerializer},
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The plain HttpRequest, so that django-axes counts failures and locks like the login page.
        user = authenticate(request=request._request, **serializer.validated_data)
        if user is None or not user.is_active:
            return Response({"detail": _("Неверное имя пользователя или пароль.")},
                            status=status.HTTP_400_BAD_REQUEST)
        token, expiry = api_token_issue(user=user)
        return Response({"token": token, "expiry": expiry})


class TokenLogoutView(APIView):
    """End the API token this request was made with."""

    authentication_classes = [TokenAuthentication]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        api_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class AuditEntrySerializer(serializers.ModelSerializer):
    model = serializers.CharField(source="content_type.model")
    who = serializers.CharField(source="actor_name")
    when = serializers.DateTimeField(source="at")
    changes = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = ["id", "when", "who", "action", "model", "object_id", "object_repr", "changes",
                  "reason"]

    @extend_schema_field(FieldChangeSerializer(many=True))
    def get_changes(self, entry: AuditEntry) -> list[dict]:
        return [{"field": name, "old": change.get("old"), "new": change.get("new")}
                for name, change in entry.changes.items()]


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The audit trail (read-only), for coordinators and admins, within their country."""

    serializer_class = AuditEntrySerializer
    queryset = AuditEntry.objects.none()  # for the schema; get_queryset scopes every request
    permission_classes = [ManagersOnly]
    filterset_class = AuditEntryFilterSet

    def get_queryset(self):
        return audit_entries_visible_to(self.request.user)


class JobErrorSerializer(serializers.Serializer):
    message = serializers.CharField()
    row = serializers.IntegerField(required=False, allow_null=True)
    column = serializers.CharField(required=False)


class JobSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(source="status", choices=JobStatus.choices)
    message = serializers.CharField(source="message_text", help_text=(
        "What the job is doing («раздел 3 из 5») or why it failed, in the reader's language."))
    result_url = serializers.SerializerMethodField(help_text=(
        "Where to download the result once the job is done; null before and for jobs without a "
        "file."))
    errors = JobErrorSerializer(many=True)

    class Meta:
        model = Job
        fields = ["id", "kind", "state", "progress", "message", "result_url", "errors",
                  "created_at", "started_at", "finished_at"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_result_url(self, job: Job) -> str | None:
        if job.status != JobStatus.DONE or not job.result_url:
            return None
        return self.context["request"].build_absolute_uri(job.result_url)


class JobViewSet(ScopeFirstMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A background job's state and progress; its result's address once it is done.

    Poll it after starting a job (a national report, an import). Each user sees their own jobs;
    a coordinator also sees the shared jobs of their country."""

    serializer_class = JobSerializer
    queryset = Job.objects.none()  # for the schema; get_queryset scopes every request
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return jobs_visible_to(self.request.user)

    @extend_schema(responses={200: JobSerializer, 404: NotFoundSerializer})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
