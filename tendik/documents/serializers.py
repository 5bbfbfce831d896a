"""API shapes. The facts document is the stable JSON of `extract_document --json` plus the
review state of each fact."""

from rest_framework import serializers

from tendik.core.serializers import StrictCharField

from .models import Document
from .review import EVENT_TYPES, QUALIFIERS

ID_MAX = 2**31 - 1
Span = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)


class DocumentSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    # ru, ky, kk, en, or und (not recognised): a code, not the interface languages' enum.
    language = serializers.CharField(read_only=True)
    # A link, or "" when the document came without one: not a "uri" in the schema's sense.
    source_url = serializers.CharField(read_only=True)

    class Meta:
        model = Document
        fields = ["id", "title", "kind", "original_name", "size", "source_url", "published",
                  "language", "supported", "state", "extracted_at", "organisation",
                  "organisation_name", "job", "created_at", "version"]
        read_only_fields = fields


class DocumentCreateSerializer(serializers.Serializer):
    file = serializers.FileField(required=False)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    source_url = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    published = serializers.DateField(required=False, allow_null=True)


class _Reviewed(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    span = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)


class MeasureScoreSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    score = serializers.FloatField()


class EventFactSerializer(_Reviewed):
    type = serializers.CharField()
    date_start = serializers.DateField(allow_null=True)
    date_end = serializers.DateField(allow_null=True)
    place = serializers.CharField(allow_null=True)
    trigger = serializers.CharField(required=False)
    participants = serializers.IntegerField(allow_null=True, required=False)
    women = serializers.IntegerField(allow_null=True, required=False)
    men = serializers.IntegerField(allow_null=True, required=False)
    territory_id = serializers.IntegerField(allow_null=True, required=False)
    organisation_ids = serializers.ListField(child=serializers.IntegerField(), required=False)
    measures = MeasureScoreSerializer(many=True, required=False)
    activity = serializers.IntegerField(allow_null=True)


class OrganisationFactSerializer(_Reviewed):
    text = serializers.CharField()
    organisation_id = serializers.IntegerField(allow_null=True)
    canonical = serializers.CharField(required=False)


class PersonFactSerializer(_Reviewed):
    name = serializers.CharField()
    role = serializers.CharField(allow_null=True)


class PlaceFactSerializer(_Reviewed):
    text = serializers.CharField()
    territory_id = serializers.IntegerField(allow_null=True)


class DateFactSerializer(_Reviewed):
    text = serializers.CharField()
    date_start = serializers.DateField(allow_null=True)
    date_end = serializers.DateField(allow_null=True)
    kind = serializers.CharField()


class QuantityFactSerializer(_Reviewed):
    qualifier = serializers.ChoiceField(choices=QUALIFIERS)
    value = serializers.FloatField()
    unit = serializers.CharField(allow_blank=True)
    text = serializers.CharField()
    complement = serializers.CharField(allow_null=True, required=False)


class CommitmentFactSerializer(_Reviewed):
    text = serializers.CharField()


class FactsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    language = serializers.CharField()
    supported = serializers.BooleanField()
    state = serializers.CharField()
    events = EventFactSerializer(many=True)
    organisations = OrganisationFactSerializer(many=True)
    people = PersonFactSerializer(many=True)
    places = PlaceFactSerializer(many=True)
    dates = DateFactSerializer(many=True)
    quantities = QuantityFactSerializer(many=True)
    commitments = CommitmentFactSerializer(many=True)


class FactDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "correct", "reject"])
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    date_start = serializers.DateField(required=False, allow_null=True)
    date_end = serializers.DateField(required=False, allow_null=True)
    type = serializers.ChoiceField(choices=EVENT_TYPES, required=False)
    qualifier = serializers.ChoiceField(choices=QUALIFIERS, required=False)
    value = serializers.FloatField(required=False)
    unit = StrictCharField(required=False, max_length=100)
    name = StrictCharField(required=False, max_length=300)
    role = StrictCharField(required=False, max_length=300, allow_blank=True)
    organisation = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=ID_MAX)
    territory = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=ID_MAX)


class FactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    document = serializers.IntegerField(source="document_id")
    kind = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    span = serializers.SerializerMethodField()
    activity = serializers.IntegerField(source="activity_id", allow_null=True)
    evidence = serializers.IntegerField(source="evidence_id", allow_null=True)

    def get_span(self, fact) -> list[int]:
        return [fact.start, fact.end]


class EventAcceptSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    report = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    kind = StrictCharField(max_length=24)
    title = StrictCharField(max_length=500)
    start = serializers.DateField()
    end = serializers.DateField()
    territory = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=ID_MAX)
    measure = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=ID_MAX)
    venue = StrictCharField(required=False, allow_blank=True, max_length=255)
    participants_women = serializers.IntegerField(required=False, min_value=0, max_value=10**6, default=0)
    participants_men = serializers.IntegerField(required=False, min_value=0, max_value=10**6, default=0)
    participants_total = serializers.IntegerField(required=False, min_value=0, max_value=10**6, default=0)
