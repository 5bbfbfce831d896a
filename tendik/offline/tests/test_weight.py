"""The issue's budget: the worker and its own assets add at most 50 KB to the site."""

from pathlib import Path

from django.contrib.staticfiles import finders

BUDGET = 50 * 1024
OWN_ASSETS = ("offline/app.js", "offline/queue.js", "offline/icon-192.png",
              "offline/icon-512.png")


def offline_weight(client) -> int:
    served = sum(len(client.get(url).content) for url in ("/sw.js", "/manifest.webmanifest"))
    files = [finders.find(path) for path in OWN_ASSETS]
    return served + sum(Path(found).stat().st_size for found in files if found)


def test_the_worker_and_its_assets_weigh_at_most_50_kb(client):
    weight = offline_weight(client)
    print(f"offline shell weight: {weight} bytes")  # read with -s when reporting the figure
    assert weight <= BUDGET
