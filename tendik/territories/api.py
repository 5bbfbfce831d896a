from rest_framework import permissions, serializers, viewsets

from .filters import TerritoryFilterSet
from .models import Territory
from .selectors import territory_list


class TerritorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Territory
        fields = ["id", "code", "level", "parent", "country_code", "name", "name_ru", "name_ky",
                  "name_kk", "name_en", "valid_from", "valid_to"]


class TerritoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The territory tree: public reference data, readable without signing in."""

    serializer_class = TerritorySerializer
    queryset = Territory.objects.none()  # for the schema; get_queryset filters every request
    permission_classes = [permissions.AllowAny]
    filterset_class = TerritoryFilterSet

    def get_queryset(self):
        return territory_list()
