"""The documents API: add a document, read its facts, and review them."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from tendik.core.api import ScopeFirstMixin
from tendik.core.serializers import (
    ConflictSerializer,
    NotFoundSerializer,
    ValidationErrorSerializer,
    render,
)

from . import review, services
from .filters import DocumentFilterSet
from .models import Document, Fact
from .selectors import documents_visible_to, facts_document, facts_visible_to
from .serializers import (
    DocumentCreateSerializer,
    DocumentSerializer,
    EventAcceptSerializer,
    FactDecisionSerializer,
    FactSerializer,
    FactsSerializer,
)

ERRORS, NOT_FOUND, CONFLICT = ValidationErrorSerializer, NotFoundSerializer, ConflictSerializer


class DocumentViewSet(ScopeFirstMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Documents of the caller's organisation (coordinators: of their country)."""

    serializer_class = DocumentSerializer
    queryset = Document.objects.none()
    permission_classes = [IsAuthenticated]
    filterset_class = DocumentFilterSet

    def get_queryset(self):
        return documents_visible_to(self.request.user).order_by("-id")

    @extend_schema(request={"multipart/form-data": DocumentCreateSerializer,
                            "application/json": DocumentCreateSerializer},
                   responses={201: DocumentSerializer, 400: ERRORS, 403: NOT_FOUND, 413: ERRORS})
    def create(self, request):
        serializer = DocumentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        document = services.document_create(
            actor=request.user, upload=data.get("file"), text=data.get("text", ""),
            title=data.get("title", ""), source_url=data.get("source_url", ""),
            published=data.get("published"))
        return Response(render(DocumentSerializer, document), status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: FactsSerializer, 404: NOT_FOUND})
    @action(detail=True, methods=["get"])
    def facts(self, request, pk=None):
        """The facts as `extract_document --json` prints them; `state` says whether reading is
        still under way (`queued`, `running`) or over (`done`, `failed`)."""
        return Response(render(FactsSerializer, facts_document(self.get_object())))

    @extend_schema(request=None, responses={202: DocumentSerializer, 403: NOT_FOUND, 404: NOT_FOUND})
    @action(detail=True, methods=["post"])
    def extract(self, request, pk=None):
        document = self.get_object()
        services.document_extract_request(actor=request.user, document=document)
        document.refresh_from_db()
        return Response(render(DocumentSerializer, document), status=status.HTTP_202_ACCEPTED)


class FactViewSet(ScopeFirstMixin, viewsets.ReadOnlyModelViewSet):
    """Facts of the documents the caller reads; each is decided with the version it was read at."""

    serializer_class = FactSerializer
    queryset = Fact.objects.none()
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return facts_visible_to(self.request.user).order_by("id")

    @extend_schema(request=FactDecisionSerializer,
                   responses={200: FactSerializer, 400: ERRORS, 404: NOT_FOUND, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        serializer = FactDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        fields = ("decision", "version", "organisation", "territory")
        fact = review.fact_decide(
            actor=request.user, fact_id=self.get_object().pk, version=data["version"],
            decision=data["decision"], organisation_id=data.get("organisation"),
            territory_id=data.get("territory"),
            data={k: v.isoformat() if hasattr(v, "isoformat") else v
                  for k, v in data.items() if k not in fields})
        return Response(render(FactSerializer, fact))

    @extend_schema(request=EventAcceptSerializer,
                   responses={201: FactSerializer, 400: ERRORS, 404: NOT_FOUND, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def activity(self, request, pk=None):
        """Accept an event as an activity in one of the caller's draft reports."""
        serializer = EventAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        fact = self.get_object()
        fact = review.fact_event_accept(
            actor=request.user, fact_id=fact.pk, version=data["version"], report_id=data["report"],
            measure_id=data.get("measure"), kind=data["kind"], title=data["title"],
            start=data["start"], end=data["end"], territory_id=data.get("territory"),
            venue=data.get("venue", ""), participants_women=data["participants_women"],
            participants_men=data["participants_men"], participants_total=data["participants_total"],
            organisers=fact.found.get("organisation_ids") or [])
        return Response(render(FactSerializer, fact), status=status.HTTP_201_CREATED)
