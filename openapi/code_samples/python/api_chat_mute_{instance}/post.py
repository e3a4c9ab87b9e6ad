# Python 3, standard library only. RYZE_BASE_URL: http://127.0.0.1:4010 for the local mock.
import json, os, sys, urllib.error, urllib.parse, urllib.request

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # a redirect is an error here: the token must not follow it to another host

base_url = os.environ.get("RYZE_BASE_URL", "https://ryzeapi.cloud")
instance = urllib.parse.quote(os.environ.get("RYZE_INSTANCE", "my-instance"), safe="")
request = urllib.request.Request(
    f"{base_url}/api/chat/mute/{instance}",
    method="POST",
    headers={"token": os.environ.get("RYZE_TOKEN", ""), "Content-Type": "application/json"},
    data=json.dumps({"number": "5511999999999", "mute": True, "duration": "8h"}).encode(),
)
try:
    with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    sys.exit(f"HTTP {error.code}: {error.read().decode(errors='replace')}")
print(f"{body['message']} ({body['duration']} s; 0 = no end)" if body["muted"] else body["message"])
