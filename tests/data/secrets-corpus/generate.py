#!/usr/bin/env python3
"""Generates the labelled secret-detection corpus of this directory.

    python3 tests/data/secrets-corpus/generate.py            # writes both files, prints the counts
    python3 tests/data/secrets-corpus/generate.py --check    # regenerates in memory, fails if the files differ

Writes planted.jsonl (credentials the detector must find and every output must
mask) and lookalikes.jsonl (strings that are not secrets). Every value is fake:
drawn from random.Random(SEED), with the right prefix, length and alphabet of
its format, and never a real credential. The same seed gives the same files.

Checks made while generating (an AssertionError stops the run):
- every planted `secret` occurs exactly once, literally, in its `text`;
- `parses` is what json.loads says about `text`;
- every entry of data/credential-formats.json has a sample generator here, and
  its sample matches the entry's regex in full (the capture group, for entries
  with secret_group);
- no catalogue regex matches anywhere in a look-alike, and in a planted text
  every catalogue match lies inside the planted secret;
- a small reference model of the spec's rules ("What counts as a secret" in
  RULES.md: secret-named members, key-like names with high entropy, secret URL
  parts, credential formats) finds nothing in any parsing look-alike, and finds
  the planted secret, and nothing else, in every parsing planted text.
"""

import base64
import collections
import json
import math
import pathlib
import random
import re
import string
import sys
import urllib.parse

SEED = 20240611
R = random.Random(SEED)

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CATALOGUE = json.loads((ROOT / "data" / "credential-formats.json").read_text())["formats"]
FORMATS = {f["id"]: f for f in CATALOGUE}
VIEWS_DOC = json.loads((ROOT / "data" / "sidepanel-views.json").read_text())
VIEWS = list(VIEWS_DOC["documented"])
ALL_VIEWS = set(VIEWS) | set(VIEWS_DOC["formerly_documented"]) | set(VIEWS_DOC["documentation_examples_only"])
TOOLS_DOC = json.loads((ROOT / "data" / "tools.json").read_text())
COMPANY_TOOLS = [t["key"] for t in TOOLS_DOC["company"]]
PROJECT_TOOLS = [t["key"] for t in TOOLS_DOC["project"]]
LEVELS = ["readonly", "standard", "admin"]

# ---------------------------------------------------------------- random values

DIG = string.digits
HEX = "0123456789abcdef"
UP = string.ascii_uppercase
LOW = string.ascii_lowercase
LET = string.ascii_letters
ALNUM = LET + DIG
UPDIG = UP + DIG
LOWDIG = LOW + DIG
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
B32 = UP + "234567"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"

# Words that scanners allow-list or that make a value look like a placeholder.
BANNED = re.compile(r"(?i)example|sample|dummy|fake|test|xxxx|0000|1234|abcd|secret|token|passw|key")


def rs(alpha, n, edge=None):
    """n random characters of alpha; first and last drawn from edge (default: alphanumerics of alpha)."""
    if edge is None:
        edge = "".join(c for c in alpha if c.isalnum())
    while True:
        if n == 1:
            s = R.choice(edge)
        else:
            s = R.choice(edge) + "".join(R.choice(alpha) for _ in range(n - 2)) + R.choice(edge)
        if not BANNED.search(s):
            return s


def digits(n):
    return R.choice("123456789") + rs(DIG, n - 1, DIG) if n > 1 else R.choice("123456789")


def b64(nbytes):
    while True:
        s = base64.b64encode(bytes(R.getrandbits(8) for _ in range(nbytes))).decode()
        if not BANNED.search(s):
            return s


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def uuid4():
    h = rs(HEX, 32, HEX)
    h = h[:12] + "4" + h[13:16] + R.choice("89ab") + h[17:]
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _reject_constant(name):
    raise ValueError("not JSON: " + name)


def strict_loads(text, **kw):
    """json.loads without Python's NaN/Infinity extension (serde_json and RFC 8259 reject them)."""
    return json.loads(text, parse_constant=_reject_constant, **kw)


def entropy(s):
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in collections.Counter(s).values())


def high_entropy(n, alpha=ALNUM + "+/"):
    while True:
        s = rs(alpha, n)
        if entropy(s) >= 4.2:
            return s


# ---------------------------------------------------------------- format samples
# Each returns (text the regex must match in full, the credential inside it).


def whole(s):
    return (s, s)


def jwt():
    header = b64url(json.dumps({"alg": R.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps({"sub": rs(LOWDIG, 12), "iss": "https://auth.acme-fieldsync.io", "iat": R.randint(1700000000, 1760000000),
                                 "scope": R.choice(["sync:write", "read write", "company:all"])}, separators=(",", ":")).encode())
    sig = b64url(bytes(R.getrandbits(8) for _ in range(32)))
    return f"{header}.{payload}.{sig}"


def pem(kind="RSA PRIVATE KEY", lines=10):
    first = {"RSA PRIVATE KEY": "MIIEpAIBAAKCAQEA", "PRIVATE KEY": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "EC PRIVATE KEY": "MHcCAQEEI",
             "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAA", "ENCRYPTED PRIVATE KEY": "MIIFHDBOBgkqhkiG9w0BBQ0wQTA"}[kind]
    body = (first + b64(48 * lines))[: 64 * lines]
    rows = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(rows), kind)


def sentry_org_token():
    for _ in range(100):
        org = rs(LOW, 8)
        payload = json.dumps({"iat": R.randint(1700000000, 1760000000) + 0.5, "url": "https://sentry.io",
                              "region_url": "https://us.sentry.io", "org": org}, separators=(",", ":"))
        body = base64.b64encode(payload.encode()).decode().rstrip("=")
        tok = "sntrys_" + body + "_" + rs(ALNUM + "+/", 43)
        if re.fullmatch(FORMATS["sentry-org-token"]["regex"], tok):
            return tok
    raise AssertionError("no sentry org token")


def basic_pair():
    user = R.choice(["svc-fieldsync", "procore-sync", "integration", "acme-bot", "deploy"])
    pw = rs(ALNUM + "!#%*", 16)
    return base64.b64encode(f"{user}:{pw}".encode()).decode()


def azure_conn():
    key = b64(64)
    assert len(key) == 88 and key.endswith("==")
    acct = rs(LOWDIG, 12, LOW)
    return (f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={key};EndpointSuffix=core.windows.net", key)


def sas_url():
    sig = urllib.parse.quote(b64(32), safe="")
    acct = rs(LOWDIG, 10, LOW)
    url = (f"https://{acct}.blob.core.windows.net/exports/daily.csv?sv=2022-11-02&ss=b&srt=o&sp=r"
           f"&se=2026-01-31T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig={sig}")
    return (url, sig)


GEN = {
    "github-pat": lambda: whole("ghp_" + rs(ALNUM, 36)),
    "github-oauth-token": lambda: whole("gho_" + rs(ALNUM, 36)),
    "github-app-user-token": lambda: whole("ghu_" + rs(ALNUM, 36)),
    "github-app-server-token": lambda: whole("ghs_" + rs(ALNUM, 36)),
    "github-refresh-token": lambda: whole("ghr_" + rs(ALNUM, 36)),
    "github-fine-grained-pat": lambda: whole("github_pat_" + rs(ALNUM, 22) + "_" + rs(ALNUM, 59)),
    "gitlab-pat": lambda: whole("glpat-" + rs(B64URL, 20)),
    "gitlab-deploy-token": lambda: whole("gldt-" + rs(B64URL, 20)),
    "gitlab-pipeline-trigger-token": lambda: whole("glptt-" + rs(HEX, 40)),
    "gitlab-runner-token": lambda: whole("glrt-" + rs(B64URL, 20)),
    "gitlab-workspace-token": lambda: whole("glwt-" + rs(B64URL, 24)),
    "gitlab-runner-registration-token": lambda: whole("GR1348941" + rs(B64URL, 20)),
    "gitlab-scim-token": lambda: whole("glsoat-" + rs(B64URL, 20)),
    "gitlab-cicd-job-token": lambda: whole("glcbt-" + rs(ALNUM, 2) + "_" + rs(B64URL, 20)),
    "gitlab-feature-flag-client-token": lambda: whole("glffct-" + rs(B64URL, 20)),
    "gitlab-feed-token": lambda: whole("glft-" + rs(B64URL, 20)),
    "gitlab-incoming-mail-token": lambda: whole("glimt-" + rs(B64URL, 25)),
    "gitlab-agent-token": lambda: whole("glagent-" + rs(B64URL, 50)),
    "gitlab-oauth-app-secret": lambda: whole("gloas-" + rs(B64URL, 64)),
    "gitlab-session-cookie": lambda: (lambda v: ("_gitlab_session=" + v, v))(rs(LOWDIG, 32)),
    "slack-bot-token": lambda: whole(f"xoxb-{digits(13)}-{digits(13)}-{rs(ALNUM, 24)}"),
    "slack-user-token": lambda: whole(f"xoxp-{digits(12)}-{digits(12)}-{digits(13)}-{rs(HEX, 32)}"),
    "slack-workspace-access-token": lambda: whole(f"xoxa-2-{rs(ALNUM, 40)}"),
    "slack-workspace-refresh-token": lambda: whole(f"xoxr-{digits(12)}-{rs(ALNUM, 30)}"),
    "slack-legacy-token": lambda: whole(f"xoxs-{digits(10)}-{digits(12)}-{digits(12)}-{rs(HEX, 64)}"),
    "slack-app-token": lambda: whole(f"xapp-1-A{rs(UPDIG, 10)}-{digits(13)}-{rs(HEX, 64)}"),
    "slack-config-token": lambda: whole(f"xoxe.xoxp-1-{rs(ALNUM, 163)}"),
    "slack-webhook-url": lambda: whole(f"https://hooks.slack.com/services/T{rs(UPDIG, 10)}/B{rs(UPDIG, 10)}/{rs(ALNUM, 24)}"),
    "stripe-live-secret-key": lambda: whole("sk_live_51" + rs(ALNUM, 97)),
    "stripe-test-secret-key": lambda: whole("sk_test_" + rs(ALNUM, 24)),
    "stripe-live-restricted-key": lambda: whole("rk_live_" + rs(ALNUM, 24)),
    "stripe-test-restricted-key": lambda: whole("rk_test_51" + rs(ALNUM, 97)),
    "stripe-prod-key": lambda: whole("sk_prod_" + rs(ALNUM, 32)),
    "stripe-webhook-secret": lambda: whole("whsec_" + rs(ALNUM, 32)),
    "aws-access-key-id": lambda: whole(R.choice(["AKIA", "ASIA", "ABIA", "ACCA"]) + rs(B32, 16)),
    "aws-bedrock-api-key": lambda: whole("ABSK" + rs(B64, 132)),
    "google-api-key": lambda: whole("AIza" + rs(B64URL, 35)),
    "google-oauth-client-secret": lambda: whole("GOCSPX-" + rs(B64URL, 28)),
    "twilio-api-key": lambda: whole("SK" + rs(HEX, 32)),
    "twilio-account-sid": lambda: whole("AC" + rs(HEX, 32)),
    "sendgrid-api-key": lambda: whole("SG." + rs(B64URL, 22) + "." + rs(B64URL, 43)),
    "npm-access-token": lambda: whole("npm_" + rs(ALNUM, 36)),
    "pypi-upload-token": lambda: whole("pypi-AgEIcHlwaS5vcmc" + rs(B64URL, 150)),
    "testpypi-upload-token": lambda: whole("pypi-AgENdGVzdC5weXBpLm9yZw" + rs(B64URL, 150)),
    "openai-api-key": lambda: whole(R.choice([
        lambda: "sk-proj-" + rs(B64URL, 74) + "T3BlbkFJ" + rs(B64URL, 74),
        lambda: "sk-" + rs(ALNUM, 20) + "T3BlbkFJ" + rs(ALNUM, 20)])()),
    "anthropic-api-key": lambda: whole("sk-ant-api03-" + rs(B64URL, 93) + "AA"),
    "anthropic-admin-key": lambda: whole("sk-ant-admin01-" + rs(B64URL, 93) + "AA"),
    "azure-storage-account-key": azure_conn,
    "azure-ad-client-secret": lambda: whole(rs(ALNUM, 3) + R.choice(DIG) + "Q~" + rs(ALNUM + "_~.-", 34)),
    "azure-sas-signature": sas_url,
    "microsoft-teams-webhook": lambda: whole(f"https://{rs(LOW, 8)}.webhook.office.com/webhookb2/{uuid4()}@{uuid4()}"
                                             f"/IncomingWebhook/{rs(LOWDIG, 32)}/{uuid4()}"),
    "shopify-access-token": lambda: whole("shpat_" + rs(HEX, 32)),
    "shopify-custom-access-token": lambda: whole("shpca_" + rs(HEX, 32)),
    "shopify-private-app-access-token": lambda: whole("shppa_" + rs(HEX, 32)),
    "shopify-shared-secret": lambda: whole("shpss_" + rs(HEX, 32)),
    "jwt": lambda: whole(jwt()),
    "private-key-pem": lambda: whole(pem()),
    "http-bearer": lambda: (lambda t: ("Bearer " + t, t))(rs(ALNUM + "-._~", 40)),
    "http-basic": lambda: (lambda t: ("Basic " + t, t))(basic_pair()),
    "mailgun-api-key": lambda: whole("key-" + rs(HEX, 32)),
    "mailchimp-api-key": lambda: whole(rs(HEX, 32) + "-us" + str(R.randint(1, 21))),
    "heroku-api-key": lambda: whole("HRKU-AA" + rs(B64URL, 58)),
    "digitalocean-pat": lambda: whole("dop_v1_" + rs(HEX, 64)),
    "digitalocean-oauth-token": lambda: whole("doo_v1_" + rs(HEX, 64)),
    "digitalocean-refresh-token": lambda: whole("dor_v1_" + rs(HEX, 64)),
    "atlassian-api-token": lambda: whole("ATATT3xFfGF0" + rs(B64URL, 171) + "=" + rs(HEX, 8)),
    "square-access-token": lambda: whole(R.choice(["EAAA" + rs(B64URL, 60), "sq0atp-" + rs(B64URL, 22)])),
    "square-oauth-secret": lambda: whole("sq0csp-" + rs(B64URL, 43)),
    "discord-webhook-url": lambda: whole(f"https://discord.com/api/webhooks/{digits(19)}/{rs(B64URL, 68)}"),
    "telegram-bot-token": lambda: whole(f"{digits(10)}:AA{rs(B64URL, 33)}"),
    "vault-service-token": lambda: whole("hvs." + rs(B64URL, 95)),
    "vault-batch-token": lambda: whole("hvb." + rs(B64URL, 140)),
    "terraform-cloud-token": lambda: whole(rs(ALNUM, 14) + ".atlasv1." + rs(B64URL, 67)),
    "doppler-token": lambda: whole("dp.pt." + rs(ALNUM, 43)),
    "linear-api-key": lambda: whole("lin_api_" + rs(ALNUM, 40)),
    "postman-api-key": lambda: whole("PMAK-" + rs(HEX, 24) + "-" + rs(HEX, 34)),
    "databricks-token": lambda: whole("dapi" + rs(HEX, 32)),
    "huggingface-token": lambda: whole("hf_" + rs(LET, 34)),
    "huggingface-org-token": lambda: whole("api_org_" + rs(LET, 34)),
    "sentry-user-token": lambda: whole("sntryu_" + rs(HEX, 64)),
    "sentry-org-token": lambda: whole(sentry_org_token()),
    "grafana-service-account-token": lambda: whole("glsa_" + rs(ALNUM, 32) + "_" + rs(HEX, 8)),
    "grafana-cloud-token": lambda: whole("glc_" + rs(B64, 120)),
    "grafana-api-key": lambda: whole("eyJrIjoi" + rs(ALNUM, 84)),
    "newrelic-user-key": lambda: whole("NRAK-" + rs(UPDIG, 27)),
    "newrelic-insert-key": lambda: whole("NRII-" + rs(B64URL, 32)),
    "dropbox-short-lived-token": lambda: whole("sl." + rs(B64URL + "=", 138)),
    "figma-pat": lambda: whole("figd_" + rs(B64URL, 40)),
    "asana-pat": lambda: whole(f"2/{digits(16)}/{digits(16)}:{rs(HEX, 32)}"),
    "notion-integration-secret": lambda: whole("secret_" + rs(ALNUM, 43)),
    "notion-api-token": lambda: whole("ntn_" + rs(DIG, 11, DIG) + rs(ALNUM, 35)),
    "age-secret-key": lambda: whole("AGE-SECRET-KEY-1" + rs(BECH32, 58)),
    "pulumi-token": lambda: whole("pul-" + rs(HEX, 40)),
    "prefect-token": lambda: whole("pnu_" + rs(ALNUM, 36)),
    "rubygems-token": lambda: whole("rubygems_" + rs(HEX, 48)),
    "planetscale-token": lambda: whole("pscale_tkn_" + rs(B64URL, 43)),
    "planetscale-password": lambda: whole("pscale_pw_" + rs(B64URL, 43)),
    "perplexity-api-key": lambda: whole("pplx-" + rs(ALNUM, 48)),
    "sendinblue-api-key": lambda: whole("xkeysib-" + rs(HEX, 64) + "-" + rs(ALNUM, 16)),
    "shippo-token": lambda: whole("shippo_live_" + rs(HEX, 40)),
    "frameio-token": lambda: whole("fio-u-" + rs(B64URL, 64)),
    "alibaba-access-key-id": lambda: whole("LTAI" + rs(ALNUM, 20)),
    "artifactory-api-key": lambda: whole("AKCp" + rs(ALNUM, 69)),
    "cloudflare-origin-ca-key": lambda: whole("v1.0-" + rs(HEX, 24) + "-" + rs(HEX, 146)),
    "infracost-token": lambda: whole("ico-" + rs(ALNUM, 32)),
    "readme-token": lambda: whole("rdme_" + rs(LOWDIG, 70)),
    "openshift-token": lambda: whole("sha256~" + rs(B64URL, 43)),
    "flyio-token": lambda: whole("fo1_" + rs(B64URL, 43)),
    "easypost-token": lambda: whole("EZAK" + rs(ALNUM, 54)),
    "clojars-token": lambda: whole("CLOJARS_" + rs(LOWDIG, 60)),
    "duffel-token": lambda: whole("duffel_live_" + rs(B64URL, 43)),
    "onepassword-secret-key": lambda: whole(f"A3-{rs(UPDIG, 6)}-{rs(UPDIG, 11)}-{rs(UPDIG, 5)}-{rs(UPDIG, 5)}-{rs(UPDIG, 5)}"),
}

missing = set(FORMATS) - set(GEN)
assert not missing, f"catalogue entries without a sample generator: {sorted(missing)}"
assert not set(GEN) - set(FORMATS), set(GEN) - set(FORMATS)


def sample(fid):
    """A fake credential of format fid, checked against the catalogue regex."""
    f = FORMATS[fid]
    text, secret = GEN[fid]()
    if fid in ("azure-sas-signature", "azure-storage-account-key"):
        m = re.search(f["regex"], text)
    elif fid == "private-key-pem":
        m = re.match(f["regex"], text)
        assert m and re.search(r"-----END [A-Z ]*PRIVATE KEY-----$", text), (fid, text)
        return text, secret
    else:
        m = re.fullmatch(f["regex"], text)
    assert m, (fid, text)
    assert m.group(f.get("secret_group", 0)) == secret, (fid, text, secret)
    return text, secret


# ---------------------------------------------------------------- the spec's rules, as a reference model
# Only used to check the labels. The detector under test lives in src/secrets.

SECRET_WORDS = {"secret", "password", "passwd", "pwd", "passphrase", "token", "apikey", "credential", "credentials", "dsn"}
SECRET_PAIRS = {("api", "key"), ("private", "key"), ("access", "key"), ("signing", "key"), ("client", "secret"),
                ("auth", "token"), ("session", "key"), ("connection", "string")}
OTHER_LAST = {"url", "uri", "endpoint", "path", "type", "name", "id", "expires", "expiry", "length", "hint", "label", "field"}
KEYLIKE_WORDS = {"key", "keys", "secret", "secrets", "token", "tokens", "auth", "credential", "credentials", "apikey"}
URL_PARAMS = {"key", "token", "access_token", "sig", "signature", "auth", "apikey", "code"}
PLACEHOLDER = re.compile(r"^\s*\{\{[^{}]*\}\}\s*$")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def words(name):
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[_\-.\s]+", name) if w]


def names_else(ws):
    return bool(ws) and (ws[-1] in OTHER_LAST or ws[-2:] == ["header", "name"])


def secret_named(name):
    ws = words(name)
    hit = any(w in SECRET_WORDS for w in ws) or any((a, b) in SECRET_PAIRS for a, b in zip(ws, ws[1:]))
    return hit and not names_else(ws)


def key_like(name):
    ws = words(name)
    return any(w in KEYLIKE_WORDS for w in ws) and not names_else(ws)


def is_literal(v):
    if v is None or isinstance(v, bool):
        raise AssertionError("null and booleans under secret-named members are left out of the corpus (ambiguous)")
    if isinstance(v, str):
        return v.strip() != "" and not PLACEHOLDER.match(v)
    if isinstance(v, (list, dict)):
        return len(v) > 0
    return True


def canon(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"))


def format_hits(s):
    """(format id, matched credential) for every catalogue match in s, identifiers and failed validations left out."""
    out = []
    for f in CATALOGUE:
        if f.get("identifier"):
            continue
        for m in re.finditer(f["regex"], s):
            g = m.group(f.get("secret_group", 0))
            if f["id"] == "http-basic":
                try:
                    if ":" not in base64.b64decode(g, validate=True).decode():
                        continue
                except Exception:
                    continue
            out.append((f["id"], g, m.start(f.get("secret_group", 0)), m.end(f.get("secret_group", 0))))
    return out


URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\"'<>]+")


def url_findings(s):
    out = []
    for m in URL_IN_TEXT.finditer(s):
        url = m.group(0)
        parts = urllib.parse.urlsplit(url)
        if "@" in parts.netloc:
            userinfo = parts.netloc.rsplit("@", 1)[0]
            user, _, pw = userinfo.partition(":")
            if pw and not PLACEHOLDER.match(pw):
                out.append(pw)
            elif not pw and not PLACEHOLDER.match(user) and (
                    format_hits(user) or (len(user) >= 16 and re.search(r"[A-Za-z]", user) and re.search(r"[0-9]", user))):
                out.append(user)
        for part in (parts.query, parts.fragment):
            for kv in part.split("&"):
                k, eq, v = kv.partition("=")
                if eq and v and (k.lower() in URL_PARAMS or secret_named(k)) and not PLACEHOLDER.match(v):
                    out.append(v)
    return out


def string_findings(s, name):
    out = [g for _, g, _, _ in format_hits(s)]
    out += url_findings(s)
    if name is not None and key_like(name) and len(s) >= 20 and entropy(s) >= 4.0 \
            and not UUID_RE.match(s) and s not in ALL_VIEWS and not PLACEHOLDER.match(s):
        out.append(s)
    return out


def reference_findings(text):
    """What the spec says is secret in a parsing text: decoded strings, or canonical JSON for non-strings."""
    doc = strict_loads(text, object_pairs_hook=lambda pairs: pairs)
    out = []

    def walk(v, name):
        if isinstance(v, list) and (not v or isinstance(v[0], tuple)) and name != "__array__":
            # an object (list of pairs); empty lists are treated as empty objects, harmless here
            for k, val in v:
                out.extend(string_findings(k, None))
                if k.lower() in ("uid", "uuid"):
                    if not isinstance(val, str):
                        walk(val, k)
                elif secret_named(k) and is_literal(unpairs(val)):
                    u = unpairs(val)
                    out.append(u if isinstance(u, str) else canon(u))
                elif key_like(k) and isinstance(val, list) and not (val and isinstance(val[0], tuple)):
                    # a key-like name over a list: its strings are the member's values
                    for e in val:
                        if isinstance(e, str):
                            out.extend(string_findings(e, k))
                        else:
                            walk(e, None)
                else:
                    walk(val, k)
        elif isinstance(v, list):
            for e in v:
                walk(e, None)
        elif isinstance(v, str):
            out.extend(string_findings(v, name))

    walk(doc, None)
    return out


def unpairs(v):
    if isinstance(v, list) and v and isinstance(v[0], tuple):
        return {k: unpairs(x) for k, x in v}
    if isinstance(v, list):
        return [unpairs(x) for x in v]
    return v


# ---------------------------------------------------------------- manifests

APPS = [("Acme Field Sync", "acme-fieldsync.io"), ("Northwind Punch", "northwind-punch.com"), ("BuildLens", "buildlens.app"),
        ("Cobalt Daily Logs", "cobaltlogs.io"), ("Keystone RFI Bridge", "keystone-rfi.com"), ("Harbor Submittals", "harborsubmittals.io"),
        ("Granite Budget Insights", "granite-insights.com"), ("Summit Timecards", "summit-time.io"), ("Ridgeline Drawings", "ridgeline-dwg.com"),
        ("Beacon Inspections", "beacon-inspect.io")]
NOTES = ["Open {app} and connect the projects you want to sync.", "Connect your {app} account, then pick the projects to sync.",
         "After installing, ask a company admin to approve {app} in the App Management tool.",
         "Sign in to {app} with your Procore account to finish the setup."]


def pick(seq, k):
    return R.sample(seq, k)


def base41(with_fullscreen=True):
    app, dom = R.choice(APPS)
    d = {"schema_version": "4.1",
         "app_manifest": {"id": str(R.randint(1000, 99999)), "uid": rs(HEX, 8, HEX), "name": app},
         "post_installation_instruction": {"notes": R.choice(NOTES).format(app=app),
                                           "page": {"url": f"https://help.{dom}/procore/setup", "label": "Setup guide"}}}
    if with_fullscreen:
        d["fullscreen"] = {"uuid": uuid4(),
                           "source_url": f"https://app.{dom}/procore/{{{{region}}}}?company={{{{procore.company.id}}}}",
                           "description": app + " dashboard",
                           "user_configuration": {"schema": {"type": "object", "required": ["region"], "properties": {
                               "region": {"name": "Region", "type": "string", "description": "Your data region (us or eu)"}}}}}
    d["sidepanel"] = {"uuid": uuid4(), "source_url": f"https://app.{dom}/procore/panel?project={{{{procore.project.id}}}}",
                      "views": pick(VIEWS, R.randint(1, 3))}
    d["permissions"] = {"company": {t: R.choice(LEVELS[:2]) for t in pick(["documents", "schedule", "directory", "inspections"], 2)},
                        "project": {t: R.choice(LEVELS[:2]) for t in pick(["rfi", "daily_log", "submittal_log", "documents", "directory"], 2)}}
    return d


def base3():
    app, dom = R.choice(APPS)
    return {"schema_version": R.choice(["3.2", "3", "3.0.1"]),
            "post_installation_instruction": {"notes": R.choice(NOTES).format(app=app),
                                              "page": {"url": f"https://help.{dom}/procore/setup", "label": "Setup guide"}},
            "components": {
                "oauth": {"instances": [{"uuid": uuid4(), "grant_type": "client_credentials",
                                         "permissions": {"company": {"documents": "readonly"},
                                                         "project": {t: "readonly" for t in pick(["budgeting", "commitments", "rfi"], 2)}}}]},
                "iframe": {"instances": [{"name": app + " panel", "type": "sidepanel", "uuid": uuid4(), "views": pick(VIEWS, 2),
                                          "required": False,
                                          "iframe_src": f"https://app.{dom}/procore/panel?company={{{{procore.company.id}}}}",
                                          "description": "Insights"}]}}}


def domain_of(d):
    for name, dom in APPS:
        if d.get("app_manifest", {}).get("name") == name or name in json.dumps(d):
            return dom
    return "acme-fieldsync.io"


SLOT = "@@SLOT@@"


def render(d, raw=None):
    """JSON text of d, with the string SLOT replaced by raw JSON text when given."""
    t = json.dumps(d, indent=2)
    if raw is not None:
        assert t.count(json.dumps(SLOT)) == 1
        t = t.replace(json.dumps(SLOT), raw)
    return t + "\n"


def jraw(s):
    """The raw JSON text of a string's content (between the quotes)."""
    return json.dumps(s)[1:-1]


# Positions where any string can be planted. Each takes (doc41, doc3, value) and returns (doc, position).
def p_top(d, d3, v):
    d["release_notes"] = v
    return d, "top-level-value"


def p_app(d, d3, v):
    d["app_manifest"]["support_note"] = v
    return d, "app_manifest-value"


def p_deep(d, d3, v):
    d["fullscreen"]["user_configuration"]["schema"]["properties"]["region"]["x-meta"] = {"env": {"stages": {"blue": {"value": v}}}}
    return d, "nested-deep"


def p_config_default(d, d3, v):
    d["fullscreen"]["user_configuration"]["schema"]["properties"]["region"]["default"] = v
    return d, "configuration-property"


def p_level(d, d3, v):
    d["permissions"]["company"]["directory"] = v
    return d, "permission-level"


def p_key(d, d3, v):
    d["permissions"]["project"][v] = "readonly"
    return d, "member-name"


def p_view(d, d3, v):
    d["sidepanel"]["views"].insert(R.randint(0, len(d["sidepanel"]["views"])), v)
    return d, "view-key"


def p_array(d, d3, v):
    d["fullscreen"]["tags"] = ["sync", v, "beta"]
    return d, "array-element"


def p_sentence(d, d3, v):
    d["post_installation_instruction"]["notes"] = R.choice([
        "Before you start, run the installer with {v} and then refresh the page.",
        "Support engineers: the staging value was {v} (remove before release).",
        "Paste {v} into the integration screen, then click Connect.",
        "If the sync stalls, restart it with {v}; it picks up where it left off."]).format(v=v)
    return d, "sentence"


def p_description(d, d3, v):
    d["sidepanel"]["description"] = v
    return d, "component-description"


def p_below_uid(d, d3, v):
    d["app_manifest"]["uid"] = {"note": v}
    return d, "below-uid"


def p_below_uuid(d, d3, v):
    d["sidepanel"]["uuid"] = {"origin": {"value": v}}
    return d, "below-uuid"


def p_3x_oauth(d, d3, v):
    d3["components"]["oauth"]["instances"][0]["description"] = v
    return d3, "3x-oauth-instance"


def p_3x_iframe(d, d3, v):
    d3["components"]["iframe"]["instances"][0]["views"].append(v)
    return d3, "3x-iframe-views"


def p_3x_level(d, d3, v):
    d3["components"]["oauth"]["instances"][0]["permissions"]["project"]["rfi"] = v
    return d3, "3x-permission-level"


ANY_POSITIONS = [p_top, p_app, p_deep, p_config_default, p_level, p_key, p_view, p_array, p_sentence, p_description,
                 p_below_uid, p_below_uuid, p_3x_oauth, p_3x_iframe, p_3x_level]

# ---------------------------------------------------------------- planted records

planted = []


def plant(form, position, vendor, text, secret, note=None, kind="string"):
    parses = True
    try:
        strict_loads(text)
    except ValueError:
        parses = False
    rec = {"id": f"p{len(planted) + 1:03d}", "form": form, "position": position, "vendor_or_test": vendor,
           "parses": parses, "text": text, "secret": secret}
    if note:
        rec["note"] = note
    rec["_kind"] = kind
    planted.append(rec)
    return rec


def plant_format(fid, pos_fn=None):
    f = FORMATS[fid]
    text_in, secret = sample(fid)
    pos_fn = pos_fn or ANY_POSITIONS[len(planted) % len(ANY_POSITIONS)]
    d, position = pos_fn(base41(), base3(), text_in)
    text = render(d)
    plant("format:" + fid, position, f["vendor"], text, jraw(secret) if "\n" in secret else secret)


# 1. every catalogue format once, rotating positions
for fid in FORMATS:
    if FORMATS[fid].get("identifier"):
        continue
    plant_format(fid)

# 2. more samples of the common ones, in chosen positions
for fid, pos in [("github-pat", p_key), ("github-pat", p_level), ("github-pat", p_sentence), ("gitlab-pat", p_view),
                 ("slack-bot-token", p_array), ("slack-webhook-url", p_sentence), ("stripe-live-secret-key", p_below_uid),
                 ("stripe-test-secret-key", p_key), ("aws-access-key-id", p_level), ("aws-access-key-id", p_3x_oauth),
                 ("aws-access-key-id", p_view), ("google-api-key", p_3x_iframe), ("jwt", p_sentence), ("jwt", p_below_uuid),
                 ("private-key-pem", p_config_default), ("private-key-pem", p_top), ("openai-api-key", p_deep),
                 ("anthropic-api-key", p_3x_level), ("sendgrid-api-key", p_key), ("npm-access-token", p_view)]:
    plant_format(fid, pos)

# PEM variants (escaped \n inside a parsing string: the secret is the raw escaped value)
for kind in ["PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"]:
    v = pem(kind, R.randint(3, 8))
    d = base41()
    d["app_manifest"]["signing_material"] = v
    plant("format:private-key-pem", "app_manifest-value", "(generic)", render(d), jraw(v))

# A Slack webhook written with JSON's optional \/ escapes (as PHP's json_encode writes it).
hook, _ = sample("slack-webhook-url")
d = base41()
d["app_manifest"]["alerts_channel"] = SLOT
raw_hook = hook.replace("/", "\\/")
plant("format:slack-webhook-url", "escaped-string", "Slack", render(d, '"' + raw_hook + '"'), raw_hook,
      note="the value uses the \\/ escape; the secret is the raw text, which decodes to the webhook URL")

# Azure storage connection string under a name that is not secret-named: only the account key is the secret.
conn, key = azure_conn()
d = base3()
d["components"]["iframe"]["instances"][0]["storage"] = {"azure": conn}
plant("format:azure-storage-account-key", "3x-iframe-nested", "Microsoft Azure", render(d), key)

# Basic credential as a header value (name 'Authorization' is not secret-named).
for scheme in ["Basic", "Bearer"]:
    d = base41()
    tok = basic_pair() if scheme == "Basic" else jwt()
    d["fullscreen"]["request_headers"] = {"Authorization": f"{scheme} {tok}"}
    plant(f"format:http-{scheme.lower()}", "header-value", "(generic)", render(d), tok)

# Bearer / Basic inside sentences
SENTENCES = [
    ("http-bearer", "post_installation_instruction.notes", "To test the connection, call GET /status with the header Authorization: Bearer {t} and expect 200."),
    ("http-bearer", "sidepanel.description", "Our support team used bearer {t} while debugging; rotate it after go-live."),
    ("http-bearer", "post_installation_instruction.page.label", "Setup (Bearer {t})"),
    ("http-basic", "post_installation_instruction.notes", "The legacy export endpoint still accepts Authorization: Basic {t} from the office network."),
    ("http-basic", "fullscreen.description", "Dashboard (proxy expects Basic {t})"),
]
def put(d, where, value):
    """Set the member at dotted path `where` of `d` to `value`."""
    path = where.split(".")
    for p in path[:-1]:
        d = d[p]
    d[path[-1]] = value


for fid, where, tmpl in SENTENCES:
    tok = jwt() if (fid == "http-bearer" and R.random() < 0.5) else (rs(ALNUM + "-._~", 44) if fid == "http-bearer" else basic_pair())
    d = base41()
    put(d, where, tmpl.format(t=tok))
    plant("format:" + fid, "sentence", "(generic)", render(d), tok)

# 3. secret-named members (rule 1)
NAMED = [
    ("webhook_secret", "str"), ("DB_PASSWORD", "str"), ("Client Secret", "str"), ("privateKey", "str"), ("x-api-key", "str"),
    ("authToken", "str"), ("connectionString", "conn"), ("token", "str"), ("passphrase", "words"), ("signing_key", "str"),
    ("session-key", "str"), ("dsn", "dsn"), ("credentials", "object"), ("client_secret", "str"), ("password", "short"),
    ("passwd", "str"), ("pwd", "short"), ("apiKey", "str"), ("APIKEY", "str"), ("api_key", "uuid"), ("access_token", "str"),
    ("refresh_token", "str"), ("secret", "str"), ("accessKey", "str"), ("aws_secret_access_key", "aws"), ("private_key", "str"),
    ("auth_token", "str"), ("SESSION_KEY", "str"), ("Signing-Key", "str"), ("ConnectionString", "conn"), ("db.password", "short"),
    ("smtp password", "str"), ("oauthClientSecret", "str"), ("secretKey", "str"), ("appSecret", "str"), ("jwtSecret", "str"),
    ("encryptionPassphrase", "words"), ("sentry_dsn", "dsn"), ("bot-token", "str"), ("github_token", "str"), ("npmToken", "str"),
    ("x_api_key", "str"), ("user_credentials", "object"), ("pin_password", "int"), ("api_key", "int"), ("client_secret", "int"),
    ("token", "array"), ("secret", "array"), ("credentials", "array"), ("client_secret", "object"), ("refresh_token", "float"),
    ("signing_key", "object"), ("PASSWORD", "str"), ("ApiKey", "str"), ("consumer_secret", "str"), ("clientSecret", "str"),
]
assert sum(1 for n, _ in NAMED if secret_named(n)) == len(NAMED), [n for n, _ in NAMED if not secret_named(n)]


def named_value(kind):
    """(python value, raw JSON text to splice, secret label, label kind)"""
    if kind == "str":
        v = rs(ALNUM + "!#%*+-_.~", R.randint(18, 40))
    elif kind == "short":
        v = R.choice(["Harbor", "Granite", "Summit", "Beacon", "Cobalt"]) + R.choice(["#", "!", "-", "."]) + str(R.randint(1000, 9999))
    elif kind == "words":
        v = " ".join(R.sample(["copper", "lantern", "orbit", "meadow", "quartz", "ember", "violet", "harbor", "tundra", "willow"], 4))
    elif kind == "uuid":
        v = uuid4()
    elif kind == "aws":
        v = rs(B64, 40)
    elif kind == "conn":
        v = f"Server=tcp:{rs(LOW, 8)}.database.windows.net,1433;Database=fieldsync;User ID=sync_admin;Password={rs(ALNUM + '!#', 16)};Encrypt=true"
    elif kind == "dsn":
        v = f"https://{rs(HEX, 32)}@o{digits(6)}.ingest.sentry.io/{digits(7)}"
    elif kind == "int":
        v = R.randint(10 ** 7, 10 ** 10)
    elif kind == "float":
        v = float(f"{R.randint(100, 999)}.{R.randint(100000, 999999)}")
    elif kind == "array":
        v = [rs(ALNUM, 24), rs(ALNUM, 24)]
    elif kind == "object":
        v = {"username": R.choice(["svc-fieldsync", "integration", "sync_admin"]), "password": rs(ALNUM + "!#%", 20)}
    else:
        raise AssertionError(kind)
    if isinstance(v, str):
        return v, json.dumps(v), jraw(v), "string"
    raw = json.dumps(v) if not isinstance(v, (list, dict)) else json.dumps(v, separators=(", ", ": "))
    return v, raw, raw, "json"


NAMED_POSITIONS = [
    lambda d, d3: (d, d, "top-level-value"),
    lambda d, d3: (d, d["app_manifest"], "app_manifest-value"),
    lambda d, d3: (d, d["fullscreen"]["user_configuration"]["schema"]["properties"]["region"], "configuration-property"),
    lambda d, d3: (d, d["post_installation_instruction"]["page"], "nested-deep"),
    lambda d, d3: (d, d["sidepanel"], "component-member"),
    lambda d, d3: (d, d["permissions"]["company"], "permissions-member"),
    lambda d, d3: (d3, d3["components"]["oauth"]["instances"][0], "3x-oauth-instance"),
    lambda d, d3: (d3, d3["components"]["iframe"]["instances"][0], "3x-iframe-instance"),
    lambda d, d3: (d, d["app_manifest"].__setitem__("uid", {}) or d["app_manifest"]["uid"], "below-uid"),
    lambda d, d3: (d, d["sidepanel"].__setitem__("uuid", {}) or d["sidepanel"]["uuid"], "below-uuid"),
    lambda d, d3: (d, d.setdefault("integrations", [{"kind": "erp"}, {}])[1], "array-element-object"),
]
for i, (name, kind) in enumerate(NAMED):
    v, raw, label, lk = named_value(kind)
    doc, parent, position = NAMED_POSITIONS[i % len(NAMED_POSITIONS)](base41(), base3())
    parent[name] = SLOT
    plant("name:" + kind, position, "secret-name", render(doc, raw), label, kind=lk)

# An escaped key name in a file that parses: the decoded name is secret-named.
for esc, plain in [("pass\\u0077ord", "password"), ("client_\\u0073ecret", "client_secret")]:
    d = base41()
    v = rs(ALNUM, 26)
    d["app_manifest"]["@@KEY@@"] = v
    text = render(d).replace('"@@KEY@@"', '"' + esc + '"')
    plant("name:str", "escaped-member-name", "secret-name", text, v)

# 4. high entropy under key-like names (rule 2, last clause)
KEYLIKE = ["auth", "key", "license_key", "encryptionKey", "hmac-key", "app_key", "consumer_key", "MASTER_KEY", "deployKey",
           "webhookKey", "auth_value", "primaryKey"]
for i, name in enumerate(KEYLIKE):
    assert key_like(name) and not secret_named(name), name
    v = high_entropy(R.randint(24, 44))
    d = base41()
    where = [d, d["app_manifest"], d["sidepanel"], d["fullscreen"]["user_configuration"]["schema"]["properties"]["region"]][i % 4]
    pos = ["top-level-value", "app_manifest-value", "component-member", "configuration-property"][i % 4]
    where[name] = v
    plant("entropy:key-like-name", pos, "entropy", render(d), v)
# ... as the strings of a list under that name, and in a file that does not parse
for i, name in enumerate(["license_keys", "hmac_keys", "authKeys"]):
    v = high_entropy(R.randint(24, 40))
    d = base41()
    [d, d["app_manifest"], d["sidepanel"]][i][name] = [v]
    plant("entropy:key-like-list", ["top-level-value", "app_manifest-value", "component-member"][i], "entropy", render(d), v)
for i, name in enumerate(["license_key", "encryptionKey", "app_key"]):
    v = high_entropy(R.randint(24, 40))
    d = base41()
    d["app_manifest"][name] = v
    plant("entropy:key-like-name", "broken-file", "entropy", render(d).rstrip()[:-1] + ",}", v)
for name in ["api_key", "secretKey", "credential"]:
    v = high_entropy(32)
    d = base3()
    d["components"]["oauth"]["instances"][0][name] = v
    plant("entropy:secret-name", "3x-oauth-instance", "secret-name", render(d), v)

# 5. secret parts of URLs (rule 3)
URLS = []


def url_case(form, position, vendor, build):
    d = base41()
    dom = domain_of(d)
    url, secret = build(dom)
    URLS.append((form, position, vendor, d, url, secret))


url_case("url:userinfo-password", "fullscreen.source_url", "url", lambda dom: (lambda pw: (
    f"https://svc-sync:{pw}@app.{dom}/procore?company={{{{procore.company.id}}}}", pw))(rs(ALNUM, 18)))
url_case("url:userinfo-token", "app_manifest.repository", "GitHub", lambda dom: (lambda t: (
    f"https://{t}@github.com/acme/fieldsync-manifest.git", t))(sample("github-pat")[1]))
url_case("url:userinfo-password", "app_manifest.repository", "GitHub", lambda dom: (lambda t: (
    f"https://x-access-token:{t}@github.com/acme/fieldsync.git", t))(sample("github-app-server-token")[1]))
url_case("url:userinfo-password", "app_manifest.repository", "GitLab", lambda dom: (lambda t: (
    f"https://oauth2:{t}@gitlab.com/acme/sync.git", t))(sample("gitlab-pat")[1]))
url_case("url:userinfo-token", "app_manifest.error_reporting", "Sentry", lambda dom: (lambda t: (
    f"https://{t}@o{digits(6)}.ingest.sentry.io/{digits(7)}", t))(rs(HEX, 32)))
url_case("url:userinfo-password", "sidepanel.source_url", "url", lambda dom: (lambda pw: (
    f"https://admin:{pw}@panel.{dom}/procore?project={{{{procore.project.id}}}}", pw))(rs(ALNUM + "-._~", 14)))
for param, vfn in [("access_token", lambda: rs(ALNUM, 40)), ("token", lambda: jwt()), ("key", lambda: sample("google-api-key")[1]),
                   ("sig", lambda: urllib.parse.quote(b64(32), safe="")), ("signature", lambda: rs(HEX, 64)),
                   ("auth", lambda: rs(ALNUM, 28)), ("apikey", lambda: rs(HEX, 32)), ("code", lambda: rs(B64URL, 40)),
                   ("client_secret", lambda: rs(ALNUM, 32)), ("api_key", lambda: rs(ALNUM, 24)), ("password", lambda: rs(ALNUM, 12)),
                   ("refresh_token", lambda: rs(B64URL, 48)), ("Signature", lambda: rs(B64URL, 43))]:
    url_case(f"url:query:{param}", "url-query", "url", lambda dom, p=param, f=vfn: (lambda v: (
        f"https://app.{dom}/procore/embed?company={{{{procore.company.id}}}}&{p}={v}&lang=en", v))(f()))
url_case("url:fragment:access_token", "url-fragment", "url", lambda dom: (lambda v: (
    f"https://app.{dom}/procore/callback#access_token={v}&token_type=bearer&expires_in=3600", v))(rs(ALNUM, 36)))
url_case("url:fragment:id_token", "url-fragment", "url", lambda dom: (lambda v: (
    f"https://app.{dom}/procore/callback#state=af0ifjsldkj&id_token={v}", v))(jwt()))

URL_SLOTS = {
    "fullscreen.source_url": lambda d, u: d["fullscreen"].__setitem__("source_url", u),
    "sidepanel.source_url": lambda d, u: d["sidepanel"].__setitem__("source_url", u),
    "app_manifest.repository": lambda d, u: d["app_manifest"].__setitem__("repository", u),
    "app_manifest.error_reporting": lambda d, u: d["app_manifest"].__setitem__("error_reporting", u),
}
url_rot = ["fullscreen.source_url", "sidepanel.source_url", "post_installation_instruction.page.url", "notes", "3x-iframe_src"]
for i, (form, position, vendor, d, url, secret) in enumerate(URLS):
    if position in URL_SLOTS:
        URL_SLOTS[position](d, url)
        plant(form, position.replace(".", "-"), vendor, render(d), secret)
        continue
    where = url_rot[i % len(url_rot)]
    if where == "notes":
        d["post_installation_instruction"]["notes"] = f"Embed the report with {url} in your intranet."
        pos = "url-in-sentence"
    elif where == "3x-iframe_src":
        d3 = base3()
        d3["components"]["iframe"]["instances"][0]["iframe_src"] = url
        d = d3
        pos = "3x-iframe_src"
    elif where == "post_installation_instruction.page.url":
        d["post_installation_instruction"]["page"]["url"] = url
        pos = "post_installation_instruction-page-url"
    else:
        URL_SLOTS[where](d, url)
        pos = where.replace(".", "-")
    plant(form, f"{position}/{pos}", vendor, render(d), secret)

# 6. texts that do not parse (lexical scan)
BROKEN = []


def broken(form, position, vendor, text, secret, note=None):
    try:
        strict_loads(text)
    except ValueError:
        pass
    else:
        raise AssertionError("meant not to parse: " + text)
    plant(form, "broken:" + position, vendor, text, secret, note)


t = sample("github-pat")[1]
d = base41()
broken("format:github-pat", "line-comment", "GitHub", f"// deploy key {t}\n" + render(d), t)
t = sample("stripe-live-secret-key")[1]
broken("format:stripe-live-secret-key", "block-comment", "Stripe", render(base41()).replace("{\n", "{\n  /* billing: " + t + " */\n", 1), t)
t = sample("slack-bot-token")[1]
txt = render(base41())
txt = txt.replace('"schema_version": "4.1",', '"schema_version": "4.1", // alerts bot ' + t, 1)
broken("format:slack-bot-token", "trailing-line-comment", "Slack", txt, t)
t = sample("gitlab-pat")[1]
d = base41()
d["permissions"]["company"]["directory"] = SLOT
txt = render(d, t)
broken("format:gitlab-pat", "unquoted-value", "GitLab", txt, t)
t = sample("github-pat")[1]
d = base41()
d["permissions"]["project"]["@@K@@"] = "readonly"
broken("format:github-pat", "unquoted-member-name", "GitHub", render(d).replace('"@@K@@"', t), t)
t = sample("aws-access-key-id")[1]
d = base41()
d["app_manifest"]["aws_access_key_id"] = SLOT
broken("format:aws-access-key-id", "unquoted-value", "AWS", render(d, t), t)
v = rs(ALNUM, 30)
broken("name:str", "single-quoted", "secret-name",
       "{'schema_version': '4.1', 'app_manifest': {'name': 'Acme Field Sync', 'client_secret': '%s'}}\n" % v, v)
t = sample("google-api-key")[1]
broken("format:google-api-key", "single-quoted", "Google",
       "{'schema_version': '4.1',\n 'post_installation_instruction': {'notes': 'maps key %s'}}\n" % t, t)
n = str(R.randint(10 ** 8, 10 ** 10))
broken("name:int", "single-quoted-number", "secret-name",
       "{\n  'schema_version': '4.1',\n  'DB_PASSWORD': %s,\n  'app_manifest': {'name': 'Summit Timecards'}\n}\n" % n, n)
v = rs(ALNUM + "-_", 34)
broken("name:str", "after-unterminated-string", "secret-name",
       '{\n  "schema_version": "4.1",\n  "post_installation_instruction": {\n    "notes": "Connect your account,\n'
       '    "page": { "url": "https://help.cobaltlogs.io/procore/setup", "label": "Setup guide" }\n  },\n'
       '  "app_manifest": { "name": "Cobalt Daily Logs", "client_secret": "%s" }\n}\n' % v, v)
v = rs(ALNUM, 32)
broken("name:str", "after-unterminated-string", "secret-name",
       '{\n  "schema_version": "4.1",\n  "app_manifest": { "name": "Harbor Submittals },\n'
       '  "api_key": "%s",\n  "permissions": { "project": { "rfi": "readonly" } }\n}\n' % v, v)
t = sample("slack-user-token")[1]
broken("format:slack-user-token", "unterminated-string-itself", "Slack",
       '{\n  "schema_version": "4.1",\n  "post_installation_instruction": { "notes": "ask ops for %s\n  },\n'
       '  "permissions": { "company": { "documents": "readonly" } }\n}\n' % t, t)
k = pem("RSA PRIVATE KEY", 8)
broken("name:pem", "raw-line-breaks", "secret-name",
       '{\n  "schema_version": "4.1",\n  "app_manifest": { "name": "Ridgeline Drawings" },\n  "private_key": "%s",\n'
       '  "permissions": { "project": { "drawing_log": "readonly" } }\n}\n' % k, k,
       note="a PEM key pasted with raw line breaks: the secret is every line of the value, up to the closing quote")
k = pem("OPENSSH PRIVATE KEY", 6)
broken("format:private-key-pem", "raw-line-breaks", "(generic)",
       '{\n  "schema_version": "4.1",\n  "post_installation_instruction": {\n    "notes": "%s"\n  }\n}\n' % k, k,
       note="a PEM key under a member that is not secret-named: found by format, masked over every line")
for esc in ["pass\\u0077ord", "client_\\u0073ecret", "\\u0074oken"]:
    v = rs(ALNUM, 24)
    broken("name:str", "escaped-member-name", "secret-name",
           '{\n  "schema_version": "4.1",\n  "app_manifest": { "name": "BuildLens", "%s": "%s", },\n}\n' % (esc, v), v)
v = rs(ALNUM, 28)
broken("name:str", "trailing-comma", "secret-name",
       render(base41()).rstrip()[:-1].rstrip() + ',\n  "webhook_secret": "%s",\n}\n' % v, v)
t = sample("slack-bot-token")[1]
d = base41()
d["sidepanel"]["views"] = ["rfi.detail", SLOT]
broken("format:slack-bot-token", "trailing-comma-array", "Slack", render(d, '"' + t + '"').replace('"' + t + '"', '"' + t + '",', 1), t)
t = sample("sendgrid-api-key")[1]
d = base41()
d["app_manifest"]["score"] = SLOT
d["app_manifest"]["mailer"] = t
broken("format:sendgrid-api-key", "nan-elsewhere", "SendGrid", render(d, "NaN"), t)
v = rs(B64URL, 44)
txt = render(base41()).rstrip()[:-1].rstrip() + ',\n  "access_token": "%s"' % v
broken("name:str", "truncated", "secret-name", txt + "\n", v)
v = rs(ALNUM, 20)
broken("name:str", "missing-comma", "secret-name",
       '{\n  "schema_version": "4.1"\n  "app_manifest": { "name": "Granite Budget Insights" "password": "%s" }\n}\n' % v, v)
n = "0x" + rs("0123456789abcdef", 8, "123456789abcdef")
broken("name:nonjson-number", "non-string-value", "secret-name",
       '{\n  "schema_version": "4.1",\n  "signing_key": %s,\n  "app_manifest": { "name": "Beacon Inspections" }\n}\n' % n, n)
v = rs(ALNUM, 26)
broken("name:str", "unquoted-member-name", "secret-name",
       '{\n  schema_version: "4.1",\n  app_manifest: { name: "Keystone RFI Bridge", password: "%s" }\n}\n' % v, v)
v = rs(ALNUM, 22)
broken("name:str", "mixed-quotes", "secret-name",
       '{\n  "schema_version": "4.1",\n  "token": \'%s\'\n}\n' % v, v)
TYPOGRAPHIC = random.Random(41)
# Pasted from a word processor, a chat or a Markdown page: the quotes of
# the secret's member are typographic, guillemets, full-width or
# backticks, and the rest of the file is JSON.
for name, (lq, rq) in [
    ("client_secret", ("\u201c", "\u201d")),
    ("api_key", ("\u2018", "\u2019")),
    ("password", ("`", "`")),
    ("webhook_secret", ("\u00ab", "\u00bb")),
    ("access_token", ("\uff02", "\uff02")),
    ("private_token", ("\u201e", "\u201c")),
]:
    # Their own generator: the rest of the corpus stays as it was.
    v = "".join(TYPOGRAPHIC.choice(ALNUM) for _ in range(24))
    broken("name:str", "typographic-quotes", "secret-name",
           '{\n  "schema_version": "4.1",\n  "app_manifest": { "name": "Slate Punch Lists" },\n'
           '  %s%s%s: %s%s%s,\n  "permissions": { "project": { "punch_list": "readonly" } }\n}\n'
           % (lq, name, rq, lq, v, rq), v)
tok = rs(ALNUM, 40)
broken("format:http-bearer", "sentence-in-broken-file", "(generic)",
       '{\n  "schema_version": "4.1",\n  "post_installation_instruction": { "notes": "curl -H \'Authorization: Bearer %s\' https://api.summit-time.io/v1/ping", },\n}\n' % tok, tok)
t = sample("stripe-webhook-secret")[1]
broken("name:str", "unquoted-value", "secret-name",
       '{\n  "schema_version": "4.1",\n  "webhook_secret": %s\n}\n' % t, t)
t = sample("npm-access-token")[1]
broken("format:npm-access-token", "hash-comment", "npm", "# npm publish token " + t + "\n" + render(base3()), t)
t = sample("jwt")[1]
broken("format:jwt", "unquoted-array-element", "(generic)",
       '{\n  "schema_version": "3.2",\n  "components": { "iframe": { "instances": [ { "views": [ rfi.detail, %s ] } ] } }\n}\n' % t, t)
t = sample("twilio-api-key")[1]
broken("format:twilio-api-key", "bom-and-comment", "Twilio", "\ufeff// sms " + t + "\n" + render(base41()), t)
conn, key = azure_conn()
broken("format:azure-storage-account-key", "single-quoted", "Microsoft Azure",
       "{'schema_version': '4.1', 'storage': '%s'}\n" % conn, key)

# Hand-written credentials (drawn from their own random stream, so every
# entry after them stays as it was): a Bearer token of lower-case letters
# only, under every spelling the catalogue gives the scheme and after a tab
# (the format needs no digit or capital); secret-named members of rule 1
# whatever the name's length, and whose last word is not on the
# catalogue's list of words that name something else.
_state = R.getstate()
R.seed(SEED + 1)
for tmpl, where in [
    ("Call the API with Authorization: Bearer {t}", "post_installation_instruction.notes"),
    ("BEARER {t} (staging only)", "sidepanel.description"),
    ("auth: bearer\t{t}", "fullscreen.description"),
]:
    tok = rs(LOW, R.randint(22, 30))
    d = base41()
    put(d, where, tmpl.format(t=tok))
    plant("format:http-bearer", "sentence-lower-case-token", "(generic)", render(d), tok)
for name in ["reporting_service_primary_replica_connection_for_nightly_sync_password", "api_key_header",
             "client_secret_description", "db_password_version", "webhook_token_policy"]:
    assert secret_named(name), name
    v, raw, label, lk = named_value("str")
    d = base41()
    d["app_manifest"][name] = SLOT
    plant("name:str", "app_manifest-value", "secret-name", render(d, raw), label, kind=lk)
R.setstate(_state)

# ---------------------------------------------------------------- look-alikes

lookalikes = []


def look(form, position, text, value, note=None):
    parses = True
    try:
        strict_loads(text)
    except ValueError:
        parses = False
    rec = {"id": f"l{len(lookalikes) + 1:03d}", "form": form, "position": position, "vendor_or_test": "none",
           "parses": parses, "text": text, "secret": None, "lookalike": value}
    if note:
        rec["note"] = note
    lookalikes.append(rec)


def look_member(form, parent_fn, name, value, position, d=None, note=None):
    d = d or base41()
    parent_fn(d)[name] = value
    look(form, position, render(d), value if isinstance(value, str) else json.dumps(value), note)


PARENTS = [
    (lambda d: d, "top-level-value"),
    (lambda d: d["app_manifest"], "app_manifest-value"),
    (lambda d: d["sidepanel"], "component-member"),
    (lambda d: d["fullscreen"]["user_configuration"]["schema"]["properties"]["region"], "configuration-property"),
    (lambda d: d["post_installation_instruction"]["page"], "nested-deep"),
]


def rot(i):
    return PARENTS[i % len(PARENTS)]


# uuids under identifier names (and under key-like names: canonical UUIDs are never secrets by entropy)
for i, name in enumerate(["uid", "uuid", "app_id", "client_id", "instance_id", "uid", "uuid", "tenant_id", "company_uuid", "project_uid",
                          "idempotency_key", "license_key", "correlation_key", "auth", "key", "dedupe_key", "appKey", "uuid",
                          "external_id", "client_id", "uid", "installation_uuid", "webhook_id", "app_id", "sidepanel_uuid"]):
    p, pos = rot(i)
    u = uuid4() if i % 3 else uuid4().upper()
    look_member("uuid", p, name, u, pos,
                note="a canonical UUID under a key-like name: never a secret by entropy (spec)" if key_like(name) else None)
for i in range(6):
    d3 = base3()
    d3["components"]["oauth"]["instances"][0]["uuid"] = uuid4()
    look("uuid", "3x-oauth-instance", render(d3), d3["components"]["oauth"]["instances"][0]["uuid"])

# view keys: in views arrays, under key-like names, as member names
for i in range(0, len(VIEWS), 2):
    d = base41()
    d["sidepanel"]["views"] = VIEWS[i:i + 2]
    look("view-key", "view-key", render(d), VIEWS[i])
for i, v in enumerate(sorted(VIEWS, key=len, reverse=True)[:10]):
    p, pos = rot(i)
    look_member("view-key", p, R.choice(["key", "view_key", "viewKey", "default_view_key", "key"]), v, pos,
                note="a Procore view key under a key-like name: never a secret")
for v in list(VIEWS_DOC["formerly_documented"]) + list(VIEWS_DOC["documentation_examples_only"]):
    d3 = base3()
    d3["components"]["iframe"]["instances"][0]["views"] = [v]
    look("view-key", "3x-iframe-views", render(d3), v)

# tool keys as permission keys and levels
for i, tool in enumerate(COMPANY_TOOLS):
    d = base41()
    d["permissions"]["company"] = {tool: LEVELS[i % 3]}
    look("tool-key", "permissions-key", render(d), tool)
for i, tool in enumerate(PROJECT_TOOLS):
    d = base41() if i % 2 else None
    if d is None:
        d3 = base3()
        d3["components"]["oauth"]["instances"][0]["permissions"]["project"] = {tool: LEVELS[i % 3]}
        look("tool-key", "3x-permissions-key", render(d3), tool)
    else:
        d["permissions"]["project"] = {tool: LEVELS[i % 3]}
        look("tool-key", "permissions-key", render(d), tool)
for name, tool in [("tool_key", "prequalification_portal"), ("key", "specification_sections"), ("auth_tool", "connection_manager")]:
    assert entropy(tool) < 4.0
    look_member("tool-key", lambda d: d["app_manifest"], name, tool, "app_manifest-value")

# URLs with placeholders
PH_URLS = [
    "https://example.com/?token={{procore.company.id}}",
    "https://app.{dom}/procore?access_token={{access_token}}&company={{procore.company.id}}",
    "https://app.{dom}/procore/{{region}}?company={{procore.company.id}}&project={{procore.project.id}}",
    "https://{{user}}:{{password}}@sftp.{dom}/inbox",
    "https://{{token}}@github.com/acme/fieldsync.git",
    "https://app.{dom}/embed#access_token={{access_token}}",
    "https://app.{dom}/embed?key={{maps_key}}&zoom=12",
    "https://app.{dom}/embed?sig={{signature}}&se={{expiry}}",
    "https://app.{dom}/procore/callback?code={{code}}&state={{state}}",
    "https://app.{dom}/embed?apikey={{apikey}}",
    "https://app.{dom}/oauth?client_id={{client_id}}&client_secret={{client_secret}}",
    "https://app.{dom}/procore?signature={{procore.signature}}&company={{procore.company.id}}",
    "https://app.{dom}/procore/panel?project={{procore.project.id}}&auth={{auth}}",
    "https://{{procore.company.id}}.{dom}/dashboard?password={{password}}",
    "https://app.{dom}/{{procore.company.id}}/{{procore.project.id}}/rfis/{{rfi_id}}?token={{token}}",
]
for i, u in enumerate(PH_URLS):
    d = base41()
    u = u.replace("{dom}", domain_of(d))
    slot = i % 4
    if slot == 0:
        d["fullscreen"]["source_url"] = u
    elif slot == 1:
        d["sidepanel"]["source_url"] = u
    elif slot == 2:
        d["post_installation_instruction"]["page"]["url"] = u
    else:
        d["post_installation_instruction"]["notes"] = f"Bookmark {u} for quick access."
    look("placeholder-url", ["fullscreen-source_url", "sidepanel-source_url", "page-url", "url-in-sentence"][slot], render(d), u)
for u in ["https://app.acme-fieldsync.io/procore?company={{procore.company.id}}&token={{procore.token}}",
          "https://app.acme-fieldsync.io/procore/panel?project={{procore.project.id}}"]:
    d3 = base3()
    d3["components"]["iframe"]["instances"][0]["iframe_src"] = u
    look("placeholder-url", "3x-iframe_src", render(d3), u)

# secret-named members with placeholder or empty values
for i, (name, val) in enumerate([("client_secret", "{{client_secret}}"), ("client_secret", ""), ("password", "{{password}}"),
                                  ("api_key", "{{ api_key }}"), ("token", "{{procore.token}}"), ("webhook_secret", "{{webhook_secret}}"),
                                  ("DB_PASSWORD", ""), ("x-api-key", "{{x_api_key}}"), ("privateKey", ""), ("connectionString", "{{connection_string}}"),
                                  ("credentials", []), ("credentials", {}), ("access_token", "   "), ("secret", "{{secret}}"),
                                  ("authToken", "{{auth.token}}"), ("dsn", "{{sentry_dsn}}"), ("signing_key", "{{signing_key}}")]):
    p, pos = rot(i)
    look_member("placeholder-or-empty-secret", p, name, val, pos)
d3 = base3()
d3["components"]["oauth"]["instances"][0]["client_secret"] = "{{client_secret}}"
look("placeholder-or-empty-secret", "3x-oauth-instance", render(d3), "{{client_secret}}")

# members whose names hold a secret word but name something else (last word url, type, id, ...)
EXCLUDED = [
    ("token_url", "https://login.procore.com/oauth/token"), ("token_type", "bearer"), ("client_id", rs(B64URL, 43)),
    ("password_hint", "the name of your first site trailer"), ("secret_name", "procore/fieldsync/client-secret"),
    ("api_key_header_name", "X-Api-Key"), ("access_token_expires", 7200), ("password_length", 16), ("private_key_path", "/etc/fieldsync/keys/app.pem"),
    ("auth_token_field", "authorization"), ("secret_label", "Client secret (from the Developer Portal)"),
    ("credentials_endpoint", "https://api.{dom}/v2/oauth/credentials"), ("session_key_expiry", 86400), ("signing_key_id", rs(HEX, 40)),
    ("tokenUrl", "https://login-sandbox.procore.com/oauth/token"), ("TOKEN_TYPE", "Bearer"), ("clientId", rs(ALNUM, 32)),
    ("passwordHint", "four words, no spaces"), ("secretName", "fieldsync-webhook-secret"), ("apiKeyHeaderName", "X-Acme-Key"),
    ("token_uri", "https://oauth2.googleapis.com/token"), ("auth_uri", "https://accounts.google.com/o/oauth2/auth"),
    ("private_key_id", rs(HEX, 40)), ("access_key_id", "svc-fieldsync-reader"), ("secret_type", "client_credentials"),
    ("token_expiry", "2026-03-01T00:00:00Z"), ("password_min_length", 12), ("credential_type", "service_account"),
    ("dsn_label", "Error reporting DSN"), ("api_key_name", "fieldsync-prod"), ("signing_key_type", "HS256"),
    ("refresh_token_expires", 2592000), ("passphrase_hint", "the project code, twice"), ("client_secret_field", "client_secret"),
    ("connection_string_name", "PrimaryDb"), ("session_key_length", 32), ("oauth_token_endpoint", "https://login.procore.com/oauth/token"),
    ("access_token_url", "https://login.procore.com/oauth/token"), ("secret_id", "projects/4821/secrets/fieldsync/versions/3"),
    ("token_path", "/oauth/token"),
]
for i, (name, val) in enumerate(EXCLUDED):
    assert not secret_named(name) and not (key_like(name) and isinstance(val, str) and len(val) >= 20 and entropy(val) >= 4.0), name
    p, pos = rot(i)
    d = base41()
    note = None
    if isinstance(val, str):
        val = val.replace("{dom}", domain_of(d))
        if any(w in KEYLIKE_WORDS for w in words(name)) and len(val) >= 20 and entropy(val) >= 4.0:
            note = ("depends on the last-word exclusions (url, uri, endpoint, id, ...) applying to key-like names too: "
                    "the value has 20+ characters and 4.0+ bits of entropy")
    look_member("name-names-something-else", p, name, val, pos, d=d, note=note)

# hashes and commit ids
for i, name in enumerate(["commit", "sha", "checksum", "digest", "git_sha", "revision", "build_commit", "sha256", "content_hash",
                          "cache_key", "etag_key", "checksum_sha256", "source_commit", "manifest_digest", "integrity_sha1"]):
    p, pos = rot(i)
    if "256" in name or name in ("digest", "manifest_digest", "content_hash"):
        v = rs(HEX, 64, HEX)
        if name in ("digest", "manifest_digest"):
            v = "sha256:" + v
    else:
        v = rs(HEX, 40, HEX)
    if key_like(name):
        while entropy(v) >= 3.95:
            v = rs(HEX, 40, HEX)
    look_member("hash", p, name, v, pos)
for i in range(6):
    d = base41()
    v = rs(HEX, 40, HEX)
    d["post_installation_instruction"]["notes"] = f"Built from commit {v} on the release branch."
    look("hash", "sentence", render(d), v)
for name in ["integrity", "sri"]:
    v = "sha384-" + b64(48)
    look_member("hash", lambda d: d["fullscreen"], name, v, "component-member")

# data URIs
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
for i, (name, uri) in enumerate([("icon", "data:image/png;base64," + PNG_1PX), ("logo", "data:image/svg+xml;base64," +
                                 base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>').decode()),
                                 ("favicon", "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
                                 ("thumbnail", "data:image/png;base64," + b64(30)), ("banner_image", "data:image/jpeg;base64," + b64(45)),
                                 ("badge", "data:text/plain;base64," + base64.b64encode(b"Acme Field Sync").decode()),
                                 ("icon", "data:image/webp;base64," + b64(24)), ("placeholder_image", "data:image/png;base64," + b64(36))]):
    p, pos = rot(i)
    look_member("data-uri", p, name, uri, pos)

# prose with secret-ish words
PROSE = [
    "Procore issues the token; this app never asks for your password or client secret.",
    "The Bearer of good news: your first sync finishes in about five minutes.",
    "Start with the basic setup, then enable the advanced options once data flows.",
    "Our proxy answers with Basic realm=\"Procore\" when the session has expired.",
    "Basic authentication is not supported; sign in with your Procore account instead.",
    "Keep your API key secret: rotate it from the Acme admin console every 90 days.",
    "Tokens expire after two hours and are refreshed automatically by the service account.",
    "If you forgot your password, use the reset link on the sign-in page.",
    "The secret to a clean punch list is closing items the day they are found.",
    "Paste the client ID from the Developer Portal; the client secret stays in your vault.",
    "Access keys, passphrases and private keys are stored in your own secret manager, never here.",
    "Bearer tokens are sent only to api.procore.com over TLS.",
    "basic setup takes ten minutes; advanced mapping takes an afternoon.",
    "Credentials are managed by the Developer Managed Service Account created at install time.",
    "The signing key rotates monthly; you do not need to do anything.",
    "Session keys are short lived and never leave the browser.",
    "A token of appreciation to the field teams who tested this release.",
    "Use the sandbox company to test before you connect production projects.",
    "Connection strings for on-premise ERPs are configured in the Acme agent, not in Procore.",
    "Authorization: Bearer {{token}} is added by the proxy for every request.",
    "Send Authorization: Basic {{credentials}} only to the legacy endpoint.",
    "The DSN for error reporting is set in the Acme console under Settings.",
    "We never log secrets, passwords or tokens; see our security whitepaper.",
    "Passwordless sign-in is available for field users on iOS and Android.",
    "Each webhook request carries a signature header; verify it with your webhook secret.",
    "For help, email support@summit-time.io or call +1 805 555 0142.",
    "Keyboard shortcuts: press K to jump to the next RFI and J to go back.",
    "The Secretariat of the owner's committee receives a weekly PDF summary.",
    "Enter the x-api-key header name exactly as shown, including the dash.",
    "The tokenizer splits spec sections into words before matching submittals.",
]
for i, s in enumerate(PROSE):
    d = base41()
    where = i % 4
    if where == 0:
        d["post_installation_instruction"]["notes"] = s
    elif where == 1:
        d["fullscreen"]["description"] = s
    elif where == 2:
        d["sidepanel"]["description"] = s
    else:
        d3 = base3()
        d3["components"]["iframe"]["instances"][0]["description"] = s
        d = d3
    note = None
    if re.search(r"\b(?:Basic|basic|BASIC)[ \t]+[0-9A-Za-z+/]{8,}", s):
        note = "a word after Basic is no credential: it does not decode (standard base64) to text containing ':'"
    look("prose", ["notes", "fullscreen-description", "sidepanel-description", "3x-iframe-description"][where], render(d), s, note)

# versions, dates, emails, identifiers, routes
PLAIN = [
    ("version", "2.14.0"), ("app_version", "1.0.0-beta.3+build.20240611"), ("min_procore_version", "2024.2"), ("release", "v3.8.12"),
    ("released_at", "2024-06-11T09:30:00Z"), ("updated", "2025-01-31"), ("build_date", "Tue, 11 Jun 2024 09:30:00 GMT"),
    ("support_email", "support@acme-fieldsync.io"), ("contact", "Dana Whitfield <dana.whitfield@northwind-punch.com>"),
    ("security_contact", "security+procore@buildlens.app"), ("handler", "onSubmittalApproved"), ("entry_point", "syncDailyLogsToWarehouse"),
    ("component_name", "SubmittalStatusPanel"), ("event_name", "procore.rfi.responseCreated"),
    ("route", "/rest/v1.0/projects/{{procore.project.id}}/submittals/{{submittal_id}}/attachments"),
    ("path", "/companies/{{procore.company.id}}/projects/{{procore.project.id}}/change_events/{{id}}/line_items"),
    ("webhook_path", "/api/v2/procore/webhooks/submittals/status-changed"), ("semver", "10.22.333"), ("locale", "en-US"),
    ("timezone", "America/Los_Angeles"), ("region", "us-west-2"), ("phone", "+1-805-555-0142"), ("copyright", "(c) 2024 Acme Field Sync, Inc."),
    ("homepage", "https://www.acme-fieldsync.io/integrations/procore"), ("privacy_policy", "https://www.harborsubmittals.io/legal/privacy"),
    ("terms", "https://cobaltlogs.io/terms?lang=en&v=3"), ("docs", "https://developers.procore.com/documentation/building-apps-intro"),
    ("redirect_uri", "https://app.acme-fieldsync.io/oauth/callback"), ("scope", "read write"), ("grant_type", "client_credentials"),
    ("grant_type", "authorization_code"), ("type", "sidepanel"), ("response_type", "code"), ("code_challenge_method", "S256"),
    ("mime_type", "application/vnd.procore.manifest+json"), ("sku", "ACME-FS-PRO-ANNUAL-2024"), ("product_code", "FS-2024-ENT"),
    ("country_code", "US"), ("currency", "USD"), ("cron", "*/15 * * * *"), ("color", "#F47E42"), ("ip_allowlist", "203.0.113.0/24"),
]
for i, (name, val) in enumerate(PLAIN):
    p, pos = rot(i)
    look_member("plain-value", p, name, val, pos)
for i, (name, val) in enumerate([("id", 4821), ("port", 443), ("max_projects", 250), ("retry_after_seconds", 30), ("company_id", 562949953421312)]):
    p, pos = rot(i)
    look_member("number", p, name, val, pos)

# base64 of plain words, under names that are not key-like
for i, (name, words_) in enumerate([("banner_b64", "Welcome to Acme Field Sync for Procore"), ("greeting", "Hello from the field team"),
                                    ("payload_example", "{\"project\": 123, \"status\": \"open\"}"), ("motd", "Sync runs every fifteen minutes"),
                                    ("encoded_title", "Daily Log Export"), ("template", "Dear {{name}}, your RFI is due"),
                                    ("footer", "Built in Ventura, California"), ("caption_b64", "Submittal approved by architect"),
                                    ("state_blob", "{\"step\":\"choose-projects\",\"page\":2}"), ("note_b64", "Remember to map cost codes first")]):
    p, pos = rot(i)
    look_member("base64-words", p, name, base64.b64encode(words_.encode()).decode(), pos)

# high entropy under names that are not key-like (the entropy test applies to key-like names only)
for i, name in enumerate(["etag", "build_id", "request_id", "trace_id", "correlation_id", "nonce", "state", "run_id", "fingerprint",
                          "cursor", "page_token_cursor", "deployment_id", "artifact", "bundle_hash", "session_id", "upload_id",
                          "revision_id", "signature_alg_params", "nonce_seed", "installation_ref"]):
    if key_like(name) or secret_named(name):
        continue
    p, pos = rot(i)
    look_member("high-entropy-not-key-like", p, name, high_entropy(R.randint(24, 40), ALNUM), pos)
for i in range(5):
    d = base41()
    v = high_entropy(32, ALNUM)
    d["sidepanel"]["views"] = ["rfi.detail"]
    d["sidepanel"]["etag"] = f'W/"{v}"'
    look("high-entropy-not-key-like", "component-member", render(d), v)

# placeholder-shaped prefixes: a format prefix followed by a {{placeholder}} is a template, not a credential
for i, (name, val) in enumerate([("display_format", "sk_live_{{stripe_account}}"), ("header_template", "Bearer {{token}}"),
                                 ("clone_template", "https://ghp_{{GITHUB_TOKEN}}@github.com/acme/fieldsync.git"),
                                 ("aws_id_format", "AKIA{{aws_suffix}}"), ("slack_format", "xoxb-{{team}}-{{bot}}"),
                                 ("authorization_template", "Basic {{base64(user:password)}}"), ("pat_pattern", "glpat-{{gitlab_pat}}"),
                                 ("jwt_shape", "eyJ{{header}}.eyJ{{payload}}.{{signature}}")]):
    p, pos = rot(i)
    look_member("placeholder-prefix", p, name, val, pos,
                note="a credential prefix followed by a {{placeholder}}: a template, decided not secret")

# wrong lengths and near misses of formats. A distinctive vendor prefix
# followed by 8 or more token characters is a credential even when shorter
# than the published format (a truncated or test token is still a token),
# so the near misses of those prefixes are shorter than 8; a JWT's segments
# are shorter than 4.
NEAR = [
    ("part_number", "AKIA" + rs(B32, 12)), ("serial", "AKIA" + rs(B32, 20)), ("asset_tag", "ASIA" + rs(B32, 15)),
    ("build_label", "ghp_" + rs(ALNUM, 6)), ("channel", "xoxb-" + digits(6)), ("plan", "sk_live_" + rs(ALNUM, 5)),
    ("maps_project", "AIza" + rs(ALNUM, 20)), ("mail_ref", "SG." + rs(ALNUM, 8) + "." + rs(ALNUM, 8)),
    ("shape", "eyJhbG.eyJz.c2"), ("pkg", "npm_" + rs(ALNUM, 6)), ("project_ref", "glpat-" + rs(ALNUM, 6)),
    ("model", "hf_" + rs(LET, 10)), ("cluster", "dapi" + rs(HEX, 10)), ("ticket", "SK" + rs(HEX, 31)),
    ("store", "shpat_" + rs(HEX, 6)), ("bucket_region", "ASIAPACIFIC"), ("code_name", "GOCSPX"), ("label_prefix", "whsec_"),
    ("file", "id_rsa.pub"), ("cert_subject", "CN=app.acme-fieldsync.io, O=Acme Field Sync, C=US"),
    ("fingerprint_ssh", "SHA256:" + b64(32).rstrip("=")), ("mailchimp_list", rs(HEX, 10) + "-us6"),
    ("heroku_app", "acme-fieldsync-prod-eu"), ("vault_path", "secret/data/fieldsync/prod"), ("sentry_project", "fieldsync-web"),
]
for i, (name, val) in enumerate(NEAR):
    assert not key_like(name) and not secret_named(name), name
    p, pos = rot(i)
    look_member("format-near-miss", p, name, val, pos)
for name, kind in [("verifier_pem", "PUBLIC KEY"), ("issuer_certificate", "CERTIFICATE"), ("ca_bundle", "CERTIFICATE")]:
    body = b64(48 * 5)[:320]
    v = "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(body[i:i + 64] for i in range(0, 320, 64)), kind)
    look_member("public-pem-block", lambda d: d["app_manifest"], name, v, "app_manifest-value",
                note="a public key or certificate block: not a private key")

# identifiers with a vendor format
for name in ["twilio_account_sid", "account_sid", "messaging_account"]:
    look_member("identifier-format", lambda d: d["app_manifest"], name, "AC" + rs(HEX, 32), "app_manifest-value",
                note="a Twilio account SID is an identifier (catalogue: identifier true)")
for name in ["google_client_id", "client_id", "oauth_client"]:
    look_member("identifier-format", lambda d: d["fullscreen"], name,
                f"{digits(12)}-{rs(LOWDIG, 32)}.apps.googleusercontent.com", "component-member")

# key-like names with short or low-entropy values
LOWKEY = [("key", "primary"), ("auth", "oauth2"), ("auth", "client_credentials"), ("auth_mode", "service_account"),
          ("sort_key", "created_at"), ("partition_key", "company_id"), ("key", "rfi"), ("keys", ["id", "number", "status"]),
          ("auth_provider", "procore"), ("license_key_format", "XXXX-XXXX-XXXX"), ("api_version_key", "v1.0"),
          ("primary_key", "id"), ("auth", {"grant_type": "client_credentials", "token_url": "https://login.procore.com/oauth/token"}),
          ("key_prefix", "fieldsync/"), ("cache_key_template", "rfi:{{procore.project.id}}:{{rfi_id}}"),
          ("auth_scheme", "Bearer"), ("key", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"), ("key", "company.documents.readonly.standard")]
for i, (name, val) in enumerate(LOWKEY):
    if isinstance(val, str):
        assert len(val) < 20 or entropy(val) < 4.0, (name, val)
    p, pos = rot(i)
    look_member("key-like-low-entropy", p, name, val, pos)

# benign URL parameters and userinfo without a password
for i, u in enumerate(["https://app.{dom}/procore?page=2&per_page=100&sort=name", "https://app.{dom}/oauth/callback?state=" + rs(ALNUM, 24),
                       "https://login.procore.com/oauth/authorize?response_type=code&client_id=" + rs(ALNUM, 43) + "&redirect_uri=https%3A%2F%2Fapp.{dom}%2Fcb",
                       "https://app.{dom}/token?token_type=bearer", "https://app.{dom}/api/keys?key_type=public",
                       "https://app.{dom}/auth?code_challenge_method=S256&code_challenge=" + rs(B64URL, 43),
                       "https://app.{dom}/secrets/help#password-reset", "https://app.{dom}/procore?passwordless=true",
                       "ssh://git@github.com/acme/fieldsync.git", "https://deploy@git.{dom}/acme/fieldsync.git",
                       "https://app.{dom}/docs/tokens/rotate?lang=en", "https://api.{dom}/v1/keys/public.pem",
                       "https://app.{dom}/procore?company={{procore.company.id}}&session=new", "mailto:support@{dom}?subject=Procore%20token%20help",
                       "https://app.{dom}/callback?error=access_denied&error_description=The+user+denied+access"]):
    d = base41()
    u = u.replace("{dom}", domain_of(d))
    [lambda: d["fullscreen"].__setitem__("source_url", u), lambda: d["sidepanel"].__setitem__("source_url", u),
     lambda: d["post_installation_instruction"]["page"].__setitem__("url", u)][i % 3]()
    look("url-benign", ["fullscreen-source_url", "sidepanel-source_url", "page-url"][i % 3], render(d), u)

# names that contain secret words inside other words
for i, (name, val) in enumerate([("secretariat", "Owner's committee secretariat"), ("tokenizer", "wordpiece-uncased-v2"),
                                 ("passwordless_login", "enabled for field users"), ("keyboard_layout", "en-US-intl"),
                                 ("monkey_patch", "disabled"), ("authority", "https://login.procore.com"), ("authorization_server", "login.procore.com"),
                                 ("secretion_rate", "n/a"), ("keynote_speaker", "Jordan Alvarez"), ("oauth", {"provider": "procore"}),
                                 ("author", "Acme Field Sync engineering"), ("dsnx", "not-a-dsn"), ("tokenomics", "none")]):
    assert not secret_named(name) and not key_like(name), name
    p, pos = rot(i)
    look_member("word-inside-word", p, name, val, pos)

# texts that do not parse and hold no secret
BROKEN_LOOK = [
    ("// TODO: add the token later (see runbook)\n" + render(base41()), "line-comment"),
    ("{'schema_version': '4.1', 'app_manifest': {'name': 'Acme Field Sync', 'client_secret': '{{client_secret}}'}}\n", "single-quoted"),
    (render(base41()).rstrip()[:-1].rstrip() + ',\n  "client_secret": "",\n}\n', "trailing-comma"),
    ('{\n  "schema_version": "4.1",\n  "post_installation_instruction": { "notes": "Connect your account,\n  },\n'
     '  "permissions": { "company": { "directory": "readonly" } }\n}\n', "unterminated-string"),
    ('{\n  "schema_version": "4.1",\n  "app_manifest": { "name": "BuildLens", "pass\\u0077ord_hint": "your badge number", },\n}\n', "escaped-member-name"),
    ('{\n  schema_version: "4.1",\n  token_url: "https://login.procore.com/oauth/token"\n}\n', "unquoted-member-name"),
    ('{\n  "schema_version": "4.1",\n  "token_type": bearer,\n  "grant_type": client_credentials\n}\n', "unquoted-value"),
    ('{\n  "schema_version": "4.1"\n  "app_manifest": { "uid": "' + uuid4() + '" "name": "Beacon Inspections" }\n}\n', "missing-comma"),
    ("/* Procore manifest for Summit Timecards; secrets live in Vault */\n" + render(base3()), "block-comment"),
    ('{\n  "schema_version": "4.1",\n  "sidepanel": { "views": [ rfi.detail, submittal_logs.detail, ] }\n}\n', "unquoted-array-element"),
    ('{\n  "schema_version": "4.1",\n  "retries": NaN,\n  "password_length": 16\n}\n', "nan"),
    (render(base41()).rstrip()[:-1].rstrip() + ',\n  "notes": "Use basic setup first', "truncated"),
    ("{'token_url': 'https://login.procore.com/oauth/token', 'token_type': 'bearer', 'client_id': '" + rs(ALNUM, 32) + "'}\n", "single-quoted"),
    ('{\n  "schema_version": "4.1",\n  "post_installation_instruction": { "notes": "line one\nline two, no secrets here" }\n}\n', "raw-line-breaks"),
    ("\ufeff// generated by the Procore Permission Builder\n" + render(base41()), "bom-and-comment"),
]
for text, pos in BROKEN_LOOK:
    try:
        strict_loads(text)
    except ValueError:
        pass
    else:
        raise AssertionError("meant not to parse: " + text)
    look("broken-no-secret", "broken:" + pos, text, None)

# ---------------------------------------------------------------- checks


def lexical_names(text):
    """Rough lexical scan of a text that does not parse: (decoded name, raw value) pairs."""
    out = []
    for m in re.finditer(r"([\"'])((?:\\.|(?!\1)[^\n\\])*)\1\s*:\s*", text):
        name = m.group(2)
        try:
            name = json.loads('"' + name + '"')
        except ValueError:
            pass
        rest = text[m.end():]
        vm = re.match(r"\"((?:\\.|[^\"\\\n])*)\"|'([^'\n]*)'|([^,}\]\s]+)", rest)
        out.append((name, next((g for g in vm.groups() if g is not None), "") if vm else ""))
    for m in re.finditer(r"(?m)^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*\"([^\"\n]*)\"", text):
        out.append((m.group(1), m.group(2)))
    return out


def check():
    ids = set()
    for rec in planted:
        text, secret = rec["text"], rec["secret"]
        assert rec["id"] not in ids
        ids.add(rec["id"])
        assert text.count(secret) == 1, (rec["id"], rec["form"], secret[:40], text.count(secret))
        start = text.index(secret)
        end = start + len(secret)
        for fid, g, s, e in format_hits(text):
            assert start <= s and e <= end, (rec["id"], rec["form"], "unlabelled format match", fid, g[:40])
        if rec["parses"]:
            strict_loads(text)
            found = reference_findings(text)
            if rec["_kind"] == "json":
                label = canon(json.loads(secret))
            else:
                label = json.loads('"' + secret + '"')
            assert found, (rec["id"], rec["form"], "reference model finds nothing")
            for f_ in found:
                assert f_ in label or label in f_, (rec["id"], rec["form"], "reference model finds more", f_[:60], label[:60])
        else:
            try:
                strict_loads(text)
            except ValueError:
                pass
            else:
                raise AssertionError(rec["id"])
    for rec in lookalikes:
        text = rec["text"]
        hits = format_hits(text)
        assert not hits, (rec["id"], rec["form"], hits)
        if rec["parses"]:
            found = reference_findings(text)
            assert not found, (rec["id"], rec["form"], found)
        else:
            for name, val in lexical_names(text):
                assert not (secret_named(name) and val.strip() and not PLACEHOLDER.match(val)), (rec["id"], name, val)
    for rec in planted:
        del rec["_kind"]


check()

# ---------------------------------------------------------------- output


def dump(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def counts():
    lines = []
    lines.append(f"planted: {len(planted)} records ({sum(r['parses'] for r in planted)} parse, "
                 f"{sum(not r['parses'] for r in planted)} do not)")
    lines.append(f"look-alikes: {len(lookalikes)} records ({sum(r['parses'] for r in lookalikes)} parse, "
                 f"{sum(not r['parses'] for r in lookalikes)} do not)")
    fp = collections.Counter((r["form"].split(":")[0] if r["form"].startswith("format:") else r["form"], r["position"]) for r in planted)
    lines.append(f"planted distinct (form, position) pairs: {len(set((r['form'], r['position']) for r in planted))}; "
                 f"distinct forms: {len(set(r['form'] for r in planted))}; distinct positions: {len(set(r['position'] for r in planted))}")
    lines.append("")
    lines.append("### Planted, by form family")
    lines.append("")
    lines.append("| form family | records |")
    lines.append("|---|---|")
    fam = collections.Counter(r["form"].split(":")[0] for r in planted)
    for k, v in sorted(fam.items()):
        lines.append(f"| {k} | {v} |")
    lines.append("")
    lines.append("### Planted, by vendor or test")
    lines.append("")
    lines.append("| vendor or test | records |")
    lines.append("|---|---|")
    for k, v in sorted(collections.Counter(r["vendor_or_test"] for r in planted).items()):
        lines.append(f"| {k} | {v} |")
    lines.append("")
    lines.append("### Planted, by position")
    lines.append("")
    lines.append("| position | records |")
    lines.append("|---|---|")
    for k, v in sorted(collections.Counter(r["position"] for r in planted).items()):
        lines.append(f"| {k} | {v} |")
    lines.append("")
    lines.append("### Planted, by form (non-format forms; each catalogue format is one form `format:<id>`)")
    lines.append("")
    lines.append("| form | records |")
    lines.append("|---|---|")
    for k, v in sorted(collections.Counter(r["form"] for r in planted if not r["form"].startswith("format:")).items()):
        lines.append(f"| {k} | {v} |")
    lines.append("")
    lines.append("### Look-alikes, by form")
    lines.append("")
    lines.append("| form | records |")
    lines.append("|---|---|")
    for k, v in sorted(collections.Counter(r["form"] for r in lookalikes).items()):
        lines.append(f"| {k} | {v} |")
    lines.append("")
    lines.append("### Look-alikes, by position")
    lines.append("")
    lines.append("| position | records |")
    lines.append("|---|---|")
    for k, v in sorted(collections.Counter(r["position"] for r in lookalikes).items()):
        lines.append(f"| {k} | {v} |")
    return "\n".join(lines)


def main():
    outputs = {HERE / "planted.jsonl": dump(planted), HERE / "lookalikes.jsonl": dump(lookalikes)}
    if "--check" in sys.argv:
        stale = [p.name for p, s in outputs.items() if not p.exists() or p.read_text() != s]
        if stale:
            sys.exit("stale: " + ", ".join(stale) + " (run generate.py)")
    else:
        for p, s in outputs.items():
            p.write_text(s)
    print(counts())
    assert len(planted) >= 150 and len(lookalikes) >= 300
    assert len(set((r["form"], r["position"]) for r in planted)) >= 40


if __name__ == "__main__":
    main()
