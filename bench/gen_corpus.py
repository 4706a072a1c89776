#!/usr/bin/env python3
"""Generate a deterministic corpus of Procore App manifests for benchmarking.

Usage: gen_corpus.py OUT_DIR N [--heavy]

Writes N manifests of about 3 KB each to OUT_DIR/DDD/NNNNN-manifest.json,
at most 1000 files per subfolder (file i goes to folder i // 1000). Python 3
standard library only.

Determinism: file i depends only on i (its random generator is seeded with a
fixed string and i), so every run writes the same bytes, and the corpus of
100 files is the first 100 files of the corpus of 1000.

Mix (see docs/manifest-format.md for the format):
- about 70% schema 4.1 (top-level fullscreen / sidepanel / permissions) and
  30% legacy 3.x (components.oauth.instances[0] with grant_type
  "client_credentials" and its permissions inside, plus
  components.iframe.instances);
- exactly 10% of the files (i % 10 == 9) carry one injected error, rotating
  among the kinds in ERROR_KINDS; all other files are meant to be clean of
  errors (warnings from the linter's heuristics are possible).

--heavy: the findings-heavy corpus, like a first run over an existing set
of manifests: the same files, each then given at least 8 findings (three
unknown tool keys, a legacy tool key, two undocumented side panel views
where a component lists views, two unused configuration properties, a
sample host on the setup page, TODO in the setup notes). No schema error;
exactly 10% of the files (i % 10 == 9) do not parse as JSON, rotating
among the kinds in BROKEN_KINDS (a half-edited file in a first run).
"""

import json
import os
import random
import re
import sys

# Changing anything below changes the corpus: bump the seed's version tag
# so that old corpora are easy to tell apart (run.sh regenerates on change).
SEED = "procore-manifest-bench-v1"
TARGET_MIN, TARGET_MAX = 2800, 3300  # bytes per file, before error injection
FILES_PER_DIR = 1000

# Injected error kinds, in rotation order.
ERROR_KINDS = (
    "trailing_comma",   # invalid JSON: a comma before the closing brace
    "invalid_level",    # "read_only" instead of "readonly"
    "unknown_member",   # "permisions" (typo) instead of "permissions"
    "http_url",         # http:// instead of https:// in the component URL
    "duplicate_key",    # the same member twice in one object
)

# Syntax errors of the findings-heavy corpus, in rotation order.
BROKEN_KINDS = (
    "trailing_comma",   # a comma before the closing brace
    "cut_off",          # the file ends halfway through (a container left open)
    "missing_comma",    # two members with no comma between them
    "single_quotes",    # a member written with single quotes
    "bare_value",       # a string value without its quotes
)

# Tool keys from shared/reference/tools.json, high/medium confidence only,
# without the legacy spellings (portfolio, budget) and without the company
# "admin" tool (admin-only). Copied, not read, so the corpus stays identical
# when the catalog changes.
COMPANY_TOOLS = ("documents", "home", "schedule", "timecard", "timesheets", "directory")
PROJECT_TOOLS = (
    "budgeting", "commitments", "coordination_issues", "daily_log", "directory",
    "change_events", "rfi", "submittal_log", "drawing_log",
    "specification_sections", "incidents", "observations", "schedule",
)
LEVELS = ("readonly", "standard")

# Documented side panel view keys (shared/reference/sidepanel-views.json).
VIEWS = (
    "rfi.detail", "submittal_logs.detail", "change_events.detail",
    "change_events.list", "change_events.edit", "budgeting.detail",
    "budgeting.list", "commitments.contracts.list",
    "commitments.purchase_order_contracts.detail",
    "commitments.work_order_contracts.detail", "correspondence.detail",
    "incidents.detail", "incidents.list", "inspections.detail",
    "observations.list", "prime_contracts.detail",
    "prime_contracts.change_orders.detail", "schedule.calendar.task.detail",
    "project_directory.vendors.edit",
)

# Fictional vendors: (product name, host, slug); no sample/placeholder hosts.
VENDORS = (
    ("SiteSync Analytics", "app.sitesync-analytics.io", "sitesync"),
    ("Rebar Ledger", "portal.rebarledger.com", "rebarledger"),
    ("Formwork Cloud", "formworkcloud.net", "formwork"),
    ("Punchline QA", "app.punchline-qa.com", "punchline"),
    ("CrewClock", "crewclock.app", "crewclock"),
    ("Submittal Bridge", "bridge.submittalhq.com", "submittalbridge"),
    ("Concrete Insights", "insights.concretemetrics.co", "concreteinsights"),
    ("Takeoff Relay", "relay.takeoffworks.io", "takeoffrelay"),
    ("BIM Harbor", "harbor.bimworks.cloud", "bimharbor"),
    ("Ledgerline ERP Sync", "sync.ledgerline.com", "ledgerline"),
)

# Configurable fields: (name, label, description).
CONFIG_FIELDS = (
    ("tenant_id", "Tenant ID", "The identifier of your organization's tenant, shown under Settings > Account."),
    ("region", "Region", "The data region of your account, for example us-east or eu-central."),
    ("workspace", "Workspace", "The workspace whose dashboards this component displays."),
    ("account_slug", "Account slug", "The short name of your account, as in its sign-in address."),
    ("environment", "Environment", "production or staging; most companies use production."),
    ("report_set", "Report set", "The name of the report collection to open by default."),
    ("division_code", "Division code", "Your internal division code, used to filter cost codes."),
)

NOTE_SENTENCES = (
    "After installing, open the app from the Apps menu of any project.",
    "A company admin must enter the tenant ID and region on the configuration page before project users can open the app.",
    "The service account needs access to every project you want to synchronize; add it to those projects in the Directory tool.",
    "Data is synchronized every fifteen minutes; the first synchronization can take up to an hour for large companies.",
    "Users sign in with their existing account; single sign-on is supported through your identity provider.",
    "To stop synchronizing a project, remove the service account from that project's Directory.",
    "Contact our support team from the Help menu inside the app if a project does not appear after one hour.",
    "Side panel views show the linked records for the item that is open in Procore.",
    "Historical records are imported once during the first synchronization and kept up to date afterwards.",
    "Permissions can be reviewed at any time under App Management in the Company Admin tool.",
)


def domain(host):
    """The registrable part of a host: app.example.io -> example.io."""
    return host.split(".", 1)[1] if host.count(".") > 1 else host


def uuid4(rng):
    """A canonical 8-4-4-4-12 lowercase hex uuid (version 4, RFC 4122 variant)."""
    n = rng.getrandbits(128)
    n = (n & ~(0xF << 76)) | (0x4 << 76)   # version nibble
    n = (n & ~(0x3 << 62)) | (0x2 << 62)   # variant bits
    h = "%032x" % n
    return "-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))


def permissions(rng):
    company = {t: rng.choice(LEVELS) for t in rng.sample(COMPANY_TOOLS, rng.randint(1, 3))}
    project = {t: rng.choice(LEVELS) for t in rng.sample(PROJECT_TOOLS, rng.randint(3, 7))}
    return {"company": company, "project": project}


def config_schema(rng, vendor, fields):
    props = {}
    for name, label, desc in fields:
        prop = {"name": label, "type": "string", "description": desc}
        if rng.random() < 0.4:
            prop["support_link"] = {
                "url": "https://help.%s/fields/%s" % (domain(vendor[1]), name),
                "label": "About %s" % label.lower(),
            }
        props[name] = prop
    required = [f[0] for f in fields if rng.random() < 0.6]
    schema = {"type": "object"}
    if required:
        schema["required"] = required
    schema["properties"] = props
    return {"schema": schema}


def component_url(rng, vendor, kind, fields):
    """An https URL with built-in and configured {{placeholders}}."""
    _, host, slug = vendor
    names = [f[0] for f in fields]
    # Sometimes the first configured field is a subdomain or path segment.
    if names and rng.random() < 0.3:
        base = "https://{{%s}}.%s" % (names.pop(0), domain(host))
    else:
        base = "https://" + host
    path = "/procore/%s/%s" % (slug, kind)
    if names and rng.random() < 0.3:
        path += "/{{%s}}" % names.pop(0)
    query = ["company_id={{procore.company.id}}"]
    if kind == "sidepanel" or rng.random() < 0.5:
        query.append("project_id={{procore.project.id}}")
    query += ["%s={{%s}}" % (n, n) for n in names]
    return base + path + "?" + "&".join(query)


def component(rng, vendor, kind):
    """Parts shared by a 4.1 component and a 3.x iframe instance."""
    fields = rng.sample(CONFIG_FIELDS, rng.randint(1, 3))
    desc = {
        "fullscreen": "Full-screen %s dashboard with cost, schedule and quality metrics for the project." % vendor[0],
        "sidepanel": "Shows the %s records linked to the Procore item that is open." % vendor[0],
    }[kind]
    return {
        "uuid": uuid4(rng),
        "url": component_url(rng, vendor, kind, fields),
        "description": desc,
        "configuration": config_schema(rng, vendor, fields),
        "views": sorted(rng.sample(VIEWS, rng.randint(2, 5))) if kind == "sidepanel" else None,
    }


def common_head(rng, vendor, schema_version):
    name, host, slug = vendor
    return {
        "schema_version": schema_version,
        "app_manifest": {
            "id": str(rng.randint(10000, 999999)),
            "uid": "%040x" % rng.getrandbits(160),
            "name": "%s for Procore" % name,
        },
        "post_installation_instruction": {
            "notes": " ".join(rng.sample(NOTE_SENTENCES, 2)),
            "page": {
                "url": "https://docs.%s/procore/%s/setup" % (domain(host), slug),
                "label": "%s setup guide" % name,
            },
        },
    }


def manifest_41(rng, vendor):
    m = common_head(rng, vendor, "4.1")
    kinds = rng.choice((("fullscreen",), ("sidepanel",), ("fullscreen", "sidepanel"), ("fullscreen", "sidepanel")))
    for kind in kinds:
        c = component(rng, vendor, kind)
        out = {"uuid": c["uuid"], "source_url": c["url"], "description": c["description"],
               "user_configuration": c["configuration"]}
        if c["views"] is not None:
            out["views"] = c["views"]
        m[kind] = out
    m["permissions"] = permissions(rng)
    return m


def manifest_3(rng, vendor):
    m = common_head(rng, vendor, rng.choice(("3", "3.2")))
    oauth = {"uid": "%040x" % rng.getrandbits(160), "uuid": uuid4(rng),
             "grant_type": "client_credentials", "permissions": permissions(rng)}
    iframes = []
    for kind in rng.choice((("fullscreen",), ("sidepanel",), ("fullscreen", "sidepanel"))):
        c = component(rng, vendor, kind)
        inst = {"name": "%s %s" % (vendor[0], "Dashboard" if kind == "fullscreen" else "Panel"),
                "type": kind, "uuid": c["uuid"]}
        if c["views"] is not None:
            inst["views"] = c["views"]
        inst.update({"required": False, "iframe_src": c["url"], "description": c["description"],
                     "configuration": c["configuration"]})
        iframes.append(inst)
    m["components"] = {"oauth": {"instances": [oauth]}, "iframe": {"instances": iframes}}
    return m


def dumps(m):
    return json.dumps(m, indent=2, ensure_ascii=False) + "\n"


def pad(rng, m):
    """Grow the notes until the file reaches a size drawn in TARGET_MIN..TARGET_MAX."""
    target = rng.randint(TARGET_MIN, TARGET_MAX)
    notes = m["post_installation_instruction"]
    while len(dumps(m).encode()) < target:
        notes["notes"] += " " + rng.choice(NOTE_SENTENCES)


def perms_of(m):
    if m["schema_version"] == "4.1":
        return m["permissions"]
    return m["components"]["oauth"]["instances"][0]["permissions"]


def first_component(m):
    """The first embedded component and the name of its URL member."""
    if m["schema_version"] == "4.1":
        return (m.get("fullscreen") or m["sidepanel"]), "source_url"
    return m["components"]["iframe"]["instances"][0], "iframe_src"


DUP = "__duplicate_key_marker__"


def inject(rng, m, kind):
    """Apply one error to manifest m; return the serialized text."""
    if kind == "invalid_level":
        perms = perms_of(m)
        scope = perms["project"]
        scope[rng.choice(sorted(scope))] = "read_only"
    elif kind == "unknown_member":
        # Only generated for 4.1 files (see generate): the typo'd key
        # replaces the top-level permissions block, keeping its position.
        m2 = {("permisions" if k == "permissions" else k): v for k, v in m.items()}
        m.clear()
        m.update(m2)
    elif kind == "http_url":
        comp, key = first_component(m)
        comp[key] = "http://" + comp[key][len("https://"):]
    elif kind == "duplicate_key":
        # json cannot write a duplicate key: write a marker key right after
        # "description", then rename it in the text.
        comp, _ = first_component(m)
        items = []
        for k, v in comp.items():
            items.append((k, v))
            if k == "description":
                items.append((DUP, v + " Updated for the new dashboard layout."))
        comp.clear()
        comp.update(items)
    text = dumps(m)
    if kind == "duplicate_key":
        text = text.replace('"%s"' % DUP, '"description"', 1)
    elif kind == "trailing_comma":
        # `..."last member": {...},\n}`: a comma before the final brace.
        end = text.rstrip().rfind("}")
        body = text[:end].rstrip()
        text = body + ",\n" + text[end:]
    return text


def heavy(m, i):
    """Give manifest m the findings of a first run (see --heavy)."""
    perms = perms_of(m)
    perms.setdefault("project", {})
    perms["project"].update({
        "daily_logs": "readonly",          # P002 (did you mean daily_log?)
        "submittal_log": "standard",       # P002
        "custom_tool_%d" % (i % 50): "readonly",  # P002
        "budget": "readonly",              # P007 (legacy key of budgeting)
    })
    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("views"), list):
                node["views"] += ["rfi.details", "punch_list.overview"]  # C008 x2
            props = node.get("schema", {}).get("properties") if isinstance(node.get("schema"), dict) else None
            if isinstance(props, dict):
                props["legacy_region"] = {"name": "Legacy region", "type": "string"}   # C007
                props["unused_flag"] = {"name": "Unused flag", "type": "string"}       # C007
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(m)
    pii = m["post_installation_instruction"]
    pii["page"]["url"] = "https://example.com/setup"   # C012 sample host
    pii["notes"] = "TODO: " + pii["notes"]              # C012 sample text
    return dumps(m)


def broken(text, kind):
    """Text that does not parse as JSON, by one error of `kind`."""
    if kind == "trailing_comma":
        end = text.rstrip().rfind("}")
        return text[:end].rstrip() + ",\n" + text[end:]
    if kind == "cut_off":
        return text[: len(text) // 2]
    if kind == "missing_comma":
        return text.replace('",\n', '"\n', 1)
    if kind == "single_quotes":
        m = re.search(r'"([a-z_]+)": "([^"\\]*)"', text)
        return text[: m.start()] + "'%s': '%s'" % m.groups() + text[m.end() :]
    # bare_value: the first string value that starts with a letter loses
    # its quotes (a number would still parse).
    m = re.search(r': "([A-Za-z][^"\\]*)"', text)
    return text[: m.start()] + ": " + m.group(1) + text[m.end() :]


def generate(i, heavy_mode=False):
    rng = random.Random("%s:%d" % (SEED, i))
    error = ERROR_KINDS[(i // 10) % len(ERROR_KINDS)] if i % 10 == 9 else None
    if heavy_mode:
        error = None
    vendor = rng.choice(VENDORS)
    legacy = rng.random() < 0.3 and error != "unknown_member"
    # Draw until the manifest fits the size target (the generator is
    # deterministic, so is the number of draws); notes then pad it up.
    for _ in range(50):
        m = manifest_3(rng, vendor) if legacy else manifest_41(rng, vendor)
        if len(dumps(m).encode()) <= TARGET_MAX:
            break
    pad(rng, m)
    if heavy_mode:
        kind = BROKEN_KINDS[(i // 10) % len(BROKEN_KINDS)] if i % 10 == 9 else None
        text = heavy(m, i)
        return (broken(text, kind) if kind else text), legacy, kind
    return (inject(rng, m, error) if error else dumps(m)), legacy, error


def main(argv):
    heavy_mode = "--heavy" in argv
    argv = [a for a in argv if a != "--heavy"]
    if len(argv) != 3:
        sys.stderr.write("usage: gen_corpus.py OUT_DIR N [--heavy]\n")
        return 2
    out_dir = argv[1]
    try:
        n = int(argv[2])
        if n < 0:
            raise ValueError
    except ValueError:
        sys.stderr.write("gen_corpus.py: N must be a non-negative integer, got %r\n" % argv[2])
        return 2
    total = legacy_count = 0
    errors = {}
    for i in range(n):
        text, legacy, error = generate(i, heavy_mode)
        sub = os.path.join(out_dir, "%03d" % (i // FILES_PER_DIR))
        os.makedirs(sub, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(sub, "%05d-manifest.json" % i), "wb") as f:
            f.write(data)
        total += len(data)
        legacy_count += legacy
        if error:
            errors[error] = errors.get(error, 0) + 1
    sys.stderr.write(
        "gen_corpus: %d files, %d bytes (avg %d), 3.x: %d, 4.1: %d, with an error: %d %s\n"
        % (n, total, total // n if n else 0, legacy_count, n - legacy_count,
           sum(errors.values()), json.dumps(errors, sort_keys=True))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
