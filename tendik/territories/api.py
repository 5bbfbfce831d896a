from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets

from .models import Level, Territory
from .selectors import territory_list


class TerritorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Territory
        fields = ["id", "code", "level", "parent", "country_code", "name", "name_ru", "name_ky",
                  "name_kk", "name_en", "valid_from", "valid_to"]


@extend_schema(parameters=[
    OpenApiParameter("country", str, description="ISO code, e.g. KG"),
    OpenApiParameter("level", str, enum=Level.values),
    OpenApiParameter("parent", str, description="Parent code or id"),
    OpenApiParameter("code", str),
    OpenApiParameter("search", str),
])
class TerritoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The territory tree: public reference data, readable without signing in."""

    serializer_class = TerritorySerializer
    queryset = Territory.objects.none()  # for the schema; get_queryset filters every request
    permission_classes = [permissions.AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        return territory_list(search=params.get("search", ""), level=params.get("level", ""),
                              country=params.get("country", ""), parent=params.get("parent", ""),
                              code=params.get("code", ""))
