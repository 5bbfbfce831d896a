"""Scaffold: replaced by the home pages by role (owner: home/territory helper)."""
from django.shortcuts import redirect, render


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    return render(request, "core/home.html")
