from rest_framework.routers import SimpleRouter

from .api import EngagementViewSet, FollowUpViewSet

router = SimpleRouter()
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")
urlpatterns = router.urls
