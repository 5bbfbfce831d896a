from django.http import HttpResponse


def status_view(request):  # replaced by the status page
    return HttpResponse(status=404)
