from .permissions import is_installation_admin, is_manager, user_roles


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "is_manager": is_manager(user),
        "is_admin": is_installation_admin(user),
        "user_roles": sorted(user_roles(user)),
    }
