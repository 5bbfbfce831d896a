from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from tendik.core.api import ManagersOnly, ReadAllWriteManagers
from tendik.core.permissions import Role
from tendik.territories.models import Territory

from . import services
from .filters import OrganisationFilterSet, PersonFilterSet, UserFilterSet
from .models import NameKind, Organisation, OrganisationName, Person, User
from .selectors import (
    organisation_list,
    organisations_visible_to,
    people_visible_to,
    person_list,
    users_visible_to,
)


class OrganisationNameSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=NameKind.choices)

    class Meta:
        model = OrganisationName
        fields = ["id", "kind", "name", "acronym", "valid_from", "valid_to"]


class OrganisationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    country = serializers.SlugRelatedField(
        slug_field="code", queryset=Territory.objects.filter(level="country"), allow_null=True,
        required=False)
    territory = serializers.SlugRelatedField(
        slug_field="code", queryset=Territory.objects.all(), allow_null=True, required=False)
    other_names = OrganisationNameSerializer(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "kind", "name", "name_ru", "name_ky", "name_kk", "name_en", "acronym",
                  "country", "territory", "parent", "is_active", "other_names", "created_at",
                  "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def validate_parent(self, parent):
        request = self.context["request"]
        if parent is not None and not organisations_visible_to(request.user).filter(
                pk=parent.pk).exists():
            raise serializers.ValidationError(_("Нет такой организации в вашем доступе."))
        return parent


class OrganisationViewSet(viewsets.ModelViewSet):
    """The organisations registry, scoped to the caller's country; coordinators write."""

    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.none()  # for the schema; get_queryset scopes every request
    permission_classes = [ReadAllWriteManagers]
    filterset_class = OrganisationFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            queryset = organisation_list(user=self.request.user)
        else:
            queryset = organisations_visible_to(self.request.user).select_related(
                "country", "territory")
        return queryset.prefetch_related("other_names").order_by("name_ru", "id")

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(actor=self.request.user,
                                                           **serializer.validated_data)

    def perform_update(self, serializer):
        organisation = organisations_visible_to(self.request.user).get(pk=serializer.instance.pk)
        services.organisation_update(organisation=organisation, actor=self.request.user,
                                     **serializer.validated_data)
        serializer.instance = organisation


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "full_name", "last_name", "first_name", "patronymic", "sex", "position",
                  "organisation", "is_focal_point", "email", "phone"]

    def validate_organisation(self, organisation):
        if not organisations_visible_to(self.context["request"].user).filter(
                pk=organisation.pk).exists():
            raise serializers.ValidationError(_("Нет такой организации в вашем доступе."))
        return organisation


class PersonViewSet(viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    queryset = Person.objects.none()  # for the schema; get_queryset scopes every request
    permission_classes = [ReadAllWriteManagers]
    filterset_class = PersonFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return person_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.person_create(actor=self.request.user,
                                                     **serializer.validated_data)

    def perform_update(self, serializer):
        person = people_visible_to(self.request.user).get(pk=serializer.instance.pk)
        services.person_update(person=person, actor=self.request.user, **serializer.validated_data)
        serializer.instance = person


class UserSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "organisation",
                  "country", "person", "roles", "is_active"]

    def get_roles(self, user) -> list[str]:
        return sorted(assignment.role for assignment in user.role_assignments.all())


class UserCreateSerializer(serializers.Serializer):
    username = serializers.RegexField(r"^[\w.@+-]+$", max_length=150)
    password = serializers.CharField(write_only=True)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    email = serializers.EmailField(required=False, allow_blank=True)
    first_name = serializers.CharField(required=False, allow_blank=True)
    last_name = serializers.CharField(required=False, allow_blank=True)


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """User accounts: coordinators and admins only, within their country."""

    serializer_class = UserSerializer
    queryset = User.objects.none()  # for the schema; get_queryset scopes every request
    permission_classes = [ManagersOnly]
    filterset_class = UserFilterSet

    def get_queryset(self):
        return users_visible_to(self.request.user).order_by("username")

    @extend_schema(request=UserCreateSerializer, responses={201: UserSerializer})
    def create(self, request):
        serializer = UserCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = data.pop("organisation")
        if not organisations_visible_to(request.user).filter(pk=organisation.pk).exists():
            raise PermissionDenied
        password = data.pop("password")
        user = services.user_save(actor=request.user, data={**data, "organisation": organisation},
                                  password=password)
        return Response(UserSerializer(user).data, status=201)
