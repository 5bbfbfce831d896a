from rest_framework.routers import SimpleRouter

from .api import HelpServiceViewSet

router = SimpleRouter()
router.register("help-services", HelpServiceViewSet, basename="help-service")
urlpatterns = router.urls
