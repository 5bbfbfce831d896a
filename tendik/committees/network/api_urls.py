from rest_framework.routers import SimpleRouter

from .api import CommitteeViewSet

router = SimpleRouter()
router.register("committees", CommitteeViewSet, basename="committee")
urlpatterns = router.urls
