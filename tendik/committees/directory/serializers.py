"""API shapes of help services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tendik.committees.models import HelpService, ServiceKind
from tendik.core.serializers import StrictCharField, conflict_serializer
from tendik.plans.serializers import OrganisationRefSerializer

from .services import LANGUAGES

ID_MAX = 2**31 - 1


class ServiceKindSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=ServiceKind.choices)
    label = serializers.CharField()


class HelpServiceSerializer(serializers.ModelSerializer):
    name = serializers.CharField()
    country = serializers.CharField(source="country.code")
    organisation = OrganisationRefSerializer()
    services = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    territories = serializers.SerializerMethodField(help_text="Codes of the territories served.")
    address_public = serializers.SerializerMethodField(
        help_text="Only when the service publishes it; never for a service with a shelter.")

    class Meta:
        model = HelpService
        fields = ["id", "name", "name_ru", "name_ky", "name_kk", "name_en", "country",
                  "organisation", "services", "hours", "phone", "languages", "accessibility",
                  "shelter_beds", "address_public", "territories", "national_hotline",
                  "is_active", "is_demo", "version"]

    @extend_schema_field(ServiceKindSerializer(many=True))
    def get_services(self, service: HelpService) -> list[dict]:
        labels = dict(ServiceKind.choices)
        return [{"code": code, "label": str(labels.get(code, code))}
                for code in service.service_list]

    def get_languages(self, service: HelpService) -> list[str]:
        return [code for code in service.languages.split(",") if code]

    def get_territories(self, service: HelpService) -> list[str]:
        return sorted(row.code for row in service.territories.all())

    def get_address_public(self, service: HelpService) -> str:
        return "" if ServiceKind.SHELTER in service.service_list else service.address_public


class HelpServiceWriteSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2, help_text="Country code, e.g. KG")
    organisation = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    name_ru = StrictCharField(max_length=500)
    name_ky = StrictCharField(max_length=500, required=False, allow_blank=True, default="")
    name_kk = StrictCharField(max_length=500, required=False, allow_blank=True, default="")
    name_en = StrictCharField(max_length=500, required=False, allow_blank=True, default="")
    services = serializers.ListField(child=serializers.ChoiceField(choices=ServiceKind.choices),
                                     max_length=len(ServiceKind.values))
    hours = StrictCharField(max_length=255, required=False, allow_blank=True, default="")
    phone = StrictCharField(max_length=64)
    languages = serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGES),
                                      required=False, default=list, max_length=len(LANGUAGES))
    accessibility = StrictCharField(max_length=500, required=False, allow_blank=True,
                                    default="")
    shelter_beds = serializers.IntegerField(min_value=1, max_value=32767, required=False,
                                            allow_null=True, default=None)
    address_public = StrictCharField(max_length=500, required=False, allow_blank=True,
                                     default="")
    territories = serializers.ListField(child=StrictCharField(max_length=32), required=False,
                                        default=list, max_length=500,
                                        help_text="Codes of the territories served.")
    national_hotline = serializers.BooleanField(required=False, default=False)
    is_active = serializers.BooleanField(required=False, default=True)
    is_demo = serializers.BooleanField(required=False, default=False)


class HelpServicePatchSerializer(HelpServiceWriteSerializer):
    """Only the fields sent change; `version` is the one the client read."""

    version = serializers.IntegerField(min_value=1, max_value=ID_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)
        self.fields.pop("country")


class HelpServiceVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()


HelpServiceConflictSerializer = conflict_serializer("HelpServiceConflictSerializer",
                                                    HelpServiceVersionSerializer)
