#!/usr/bin/env python3
"""Generate data/routes.json (the route map of the `usage` command).

Reads the endpoint definitions of the public repository
TylerIlunga/procore-mcp-server (folder data/endpoint-details/*.json, one
file per REST operation: operationId, method, path, tag, parameters,
requestBody) from a local git mirror and maps each endpoint whose reference
group (tag) clearly names a tool of data/tools.json to that tool.

Usage:
    python3 data/gen_routes.py [MIRROR_GIT_DIR]

MIRROR_GIT_DIR defaults to the workplace mirror
/work/.mirror/TylerIlunga+procore-mcp-server/repo. Standard library only.
Only facts (paths, methods, group names, parameter names) are taken from the
snapshot; nothing of its code is copied.
"""
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = "TylerIlunga/procore-mcp-server"
FOLDER = "data/endpoint-details"
DEFAULT_MIRROR = "/work/.mirror/TylerIlunga+procore-mcp-server/repo"

# --------------------------------------------------------------------------
# Reference group (tag) -> tool.  A rule is (scope, tag_prefix, tool,
# confidence).  The first matching rule wins, so specific rules come first.
# tag_prefix matches the whole tag or the tag up to a "/".
# confidence: "high" = the group names the tool exactly and the catalog key
# is high; "medium" = the group is clear but the catalog key is medium or the
# match needs a small step; "low" = plausible, not certain.
# EXCLUDE lists tags inside a mapped group that do NOT clearly belong to the
# tool (they stay out of the map).
# --------------------------------------------------------------------------
EXCLUDE = {
    # Directory: 'crews' is a tool of its own in the catalog (project
    # 'crews'); '/me' is the caller's own record (excluded by route below).
    "Core/Directory/crews",
    # Commitments: cost types are a company-wide setting shared by the
    # financial tools, not specifically the Commitments tool.
    "Construction Financials/Commitments/line-item-types-cost-types",
    # Documents: PDF template configs belong to configurable tool output,
    # local files are not scoped.
    "Core/Documents/pdf-template-configs",
    "Core/Documents/local-files",
}
# Individual operations left out although their group is mapped.
EXCLUDE_OPS = {
    # 'Show current company user': the caller's own record, grouped under
    # company-users; whether it needs the Directory tool is not documented.
    "RestV10CompaniesCompanyIdMeGet",
    "RestV11CompaniesCompanyIdMeGet",
    "RestV12CompaniesCompanyIdMeGet",
    "RestV13CompaniesCompanyIdMeGet",
}

RULES = [
    # ---- company scope ----------------------------------------------------
    ("company", "Core/Documents/company-folders-and-files", "documents", "high"),
    ("company", "Core/Documents/documents", "documents", "high"),
    ("company", "Core/Portfolio", "home", "high"),  # tool 'home' is named Portfolio
    ("company", "Core/Directory", "directory", "medium"),
    ("company", "Company Admin/Company Settings/company-schedule", "schedule", "medium"),
    ("company", "Company Admin/Company Settings/company-schedule-resources", "schedule", "medium"),
    ("company", "Project Management/Field Productivity/timecard-entries", "timecard", "medium"),
    ("company", "Project Management/Field Productivity/timecards", "timecard", "medium"),
    ("company", "Project Management/Field Productivity/timesheets", "timesheets", "high"),
    ("company", "Project Management/Field Productivity/timesheets-filters", "timesheets", "high"),
    ("company", "Project Management/Field Productivity/timesheet-to-budget-configuration", "timesheets", "medium"),
    # Company Admin: company settings and company-level custom field config.
    ("company", "Company Admin/Company Settings/company-configurations", "admin", "medium"),
    ("company", "Company Admin/Company Settings/company-offices", "admin", "medium"),
    ("company", "Company Admin/Company Settings/company-security-settings", "admin", "medium"),
    ("company", "Company Admin/Company Settings/company-settings", "admin", "medium"),
    ("company", "Company Admin/Company Settings/project-bid-types", "admin", "medium"),
    ("company", "Company Admin/Company Settings/project-owner-types", "admin", "medium"),
    ("company", "Company Admin/Company Settings/project-regions", "admin", "medium"),
    ("company", "Company Admin/Company Settings/project-stages", "admin", "medium"),
    ("company", "Company Admin/Company Settings/project-types", "admin", "medium"),
    ("company", "Company Admin/Company Settings/roles", "admin", "medium"),
    ("company", "Company Admin/Company Settings/trades", "admin", "medium"),
    ("company", "Company Admin/Company Settings/work-classification---company-level", "admin", "medium"),
    ("company", "Company Admin/Company Settings/submittal-statuses", "admin", "low"),
    ("company", "Company Admin/Company Settings/submittal-types", "admin", "low"),
    ("company", "Company Admin/Custom - Configurable Tools/configurable-field-sets", "admin", "medium"),
    ("company", "Company Admin/Custom - Configurable Tools/custom-fields", "admin", "medium"),
    # ---- project scope ----------------------------------------------------
    ("project", "Construction Financials/Budget", "budgeting", "high"),
    ("project", "Construction Financials/Commitments/rfqs", "commitments", "medium"),
    ("project", "Construction Financials/Commitments/billing-periods", "commitments", "medium"),
    ("project", "Construction Financials/Commitments", "commitments", "high"),
    ("project", "Construction Financials/Change Events", "change_events", "medium"),
    ("project", "Project Management/Drawings/coordination-issue-statuses", "coordination_issues", "medium"),
    ("project", "Project Management/Coordination Issues", "coordination_issues", "high"),
    ("project", "Project Management/Daily Log", "daily_log", "high"),
    ("project", "Core/Directory", "directory", "high"),
    ("project", "Project Management/RFI", "rfi", "medium"),
    ("project", "Project Management/Submittals", "submittal_log", "medium"),
    ("project", "Project Management/Drawings", "drawing_log", "medium"),
    ("project", "Project Management/Specifications", "specification_sections", "medium"),
    ("project", "Project Management/Incidents", "incidents", "medium"),
    ("project", "Project Management/Observations", "observations", "medium"),
    ("project", "Project Management/Schedule (Legacy)", "schedule", "medium"),
    # Project Management/Scheduling (v2.0) is left out: it is a product with
    # its own permission matrix, not the legacy Schedule tool, and its
    # Permission Builder key is not documented.
    # ---- everyday families (catalog keys of low confidence: low) -----------
    ("project", "Core/Documents/project-documents", "documents", "low"),
    ("project", "Core/Documents/project-folders-and-files", "documents", "low"),
    ("project", "Project Management/Photos", "photos", "low"),
    ("project", "Project Management/Punch List", "punch_list", "low"),
    ("project", "Project Management/Meetings", "meetings", "low"),
    ("project", "Construction Financials/Prime Contracts", "prime_contract", "low"),
    ("project", "Construction Financials/Change Orders", "change_orders", "low"),
    ("project", "Construction Financials/Direct Costs", "direct_costs", "low"),
    # Cost codes and the WBS are set up in the project Admin tool.
    ("project", "Construction Financials/Work Breakdown Structure", "admin", "low"),
    # Project timecard entries: the project Timesheets tool records them.
    ("project", "Project Management/Field Productivity/timecard-entries", "timesheets", "low"),
]

# Project Inspections are not mapped: the catalog has no project key for
# them (only company `inspections` and `checklists`).

# --------------------------------------------------------------------------
# Levels. The method gives the level (GET/HEAD read, others write) unless a
# class below, quoted from Procore's permission matrices and tutorials
# (data/routes-sources.md, "Levels"), says otherwise. A class is
# (name, test(route, scope, tool, method) -> "admin" | "readonly" | None).
# A method a class decides is listed in `level_sources`: its level rests on
# Procore's words (high level confidence); a plain read is high too; any
# other write follows the method alone (low level confidence).
# --------------------------------------------------------------------------
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _segments(route):
    return [s for s in route.split("/") if s and not s.startswith(":")]


def _recycle(route, scope, tool, method):
    return "admin" if any("recycle_bin" in s for s in _segments(route)) else None


def _deletes(route, scope, tool, method):
    # A delete is also a write that sends the item to the recycle bin
    # (`PATCH .../rfis/:id/recycle`, "Recycle RFI": RFIs have no DELETE).
    # A bulk delete sent as POST (`coordination_issues/bulk_delete`) too.
    segs = _segments(route)
    deleting = ("recycle", "bulk_delete", "bulk_destroy")
    if method != "DELETE" and not (method in WRITES and segs and segs[-1] in deleting):
        return None
    if tool in ("rfi", "incidents", "observations"):
        return "admin"
    # Coordination issues themselves (not their attachments or viewpoints),
    # by the words of `procore_item_associations/bulk_destroy` (Admin by
    # its own ADMIN entry below): "Requires admin permission
    # (`delete_coordination_issue`)".
    issues = ("coordination_issues", "workflow_issues", "bulk_delete", "procore_item_associations")
    if tool == "coordination_issues" and segs and segs[-1] in issues:
        return "admin"
    if scope == "company" and tool == "documents":
        return "admin"
    if tool == "schedule" and "calendar_items" in segs:
        return "admin"
    return None


DIRECTORY_MANAGED = (
    "users",
    "vendors",
    "insurances",
    "permission_templates",
    "user_permission_templates",
    "permission_template_assignments",
    # Adding a party to a project, (de)activating people: user management.
    "project_memberships",
    "people",
)


def _directory(route, scope, tool, method):
    if tool != "directory" or method not in WRITES:
        return None
    return "admin" if any(s in DIRECTORY_MANAGED for s in _segments(route)) else None


def _commitments(route, scope, tool, method):
    if tool != "commitments" or method not in ("POST", "PUT", "PATCH"):
        return None
    segs = _segments(route)
    contracts = {"work_order_contracts", "purchase_order_contracts", "commitment_contracts"}
    if segs and segs[-1] in contracts:
        return "admin"  # create a subcontract / purchase order
    if any(s in contracts for s in segs) and any("line_items" in s for s in segs):
        return "admin"  # a line item of a commitment's schedule of values
    return None


def _company_timecards(route, scope, tool, method):
    return "admin" if scope == "company" and tool == "timecard" and method in WRITES else None


CONFIGURATION = ("configurable_field_sets", "custom_fields", "custom_field_definitions", "drawing_areas")


def _configuration(route, scope, tool, method):
    if method not in WRITES:
        return None
    segs = _segments(route)
    # Custom lists: `*_types`, `submittal_responses` (a project's list of
    # submittal responses). A bare `responses` is no list: an RFQ's
    # responses are the bidders' answers (Standard).
    if any(s in CONFIGURATION for s in segs) or (segs and (segs[-1].endswith("_types") or segs[-1].endswith("_responses"))):
        return "admin"
    # A tool's settings: `incidents/configuration`, `schedule_settings`.
    settings = ("settings", "configuration", "configurations")
    if any(s in settings or s.endswith(tuple("_" + w for w in settings)) for s in segs):
        return "admin"
    return None


def _portfolio_projects(route, scope, tool, method):
    # "Sync projects": "Create or update a batch of projects".
    if method in ("POST", "PATCH", "PUT") and route in ("/v1.0/projects", "/v1.0/projects/:id", "/v1.0/projects/sync"):
        return "admin"
    return None


# Operations whose tool is not their reference group's: operationId ->
# (scope, tool, confidence, why); the confidence is the target key's (the
# project `admin` key is low in tools.json). "Update project" edits General Project Information,
# which the project Admin tool holds (data/routes-sources.md, Levels:
# Portfolio project writes); its group is Core/Portfolio.
OP_TOOL = {
    "RestV10ProjectsIdPatch": ("project", "admin", "low", "Update project edits the project's General Project Information: "
                               "the project Admin tool"),
}


def _read_as_post(route, scope, tool, method):
    if method == "POST" and re.fullmatch(r"/v1\.\d/budget_views/:[a-z_]+/budget_details(/summary_rows)?", route):
        return "readonly"
    # A PDF export ("Generates PDF Document ... returns url to PDF file",
    # "Create PDF export for Commitment Contracts") reads what it prints.
    segs = _segments(route)
    if method == "POST" and segs and segs[-1] == "pdf":
        return "readonly"
    return None


LEVEL_CLASSES = [
    ("read sent as POST", _read_as_post),
    ("recycle bin", _recycle),
    ("admin-only delete", _deletes),
    ("directory management", _directory),
    ("commitment and schedule-of-values writes", _commitments),
    ("company timecard entries", _company_timecards),
    ("tool configuration, custom types and responses", _configuration),
    ("Portfolio project writes", _portfolio_projects),
]

# Calls that need no tool: nearly every app makes them (identity). Known to
# the map, never reported as unmapped.
NO_TOOL = [
    ("/v1.0/me", ["GET"], "Show the signed-in user: the caller's own record"),
    ("/v1.0/companies", ["GET"], "List the companies the caller belongs to"),
] + [
    ("/v1.%d/projects" % v, ["GET"], "List projects: without company admin permissions, the projects the caller "
     "has been added to (the reference's words)")
    for v in range(2)
] + [
    ("/v1.%d/companies/:company_id/me" % v, ["GET"], "Show current company user: the caller's own record")
    for v in range(4)
]

# Endpoints whose reference text explicitly says Admin on the tool is needed:
# operationId -> quoted sentence.
ADMIN = {
    "RestV10CompaniesCompanyIdUsersSyncPatch": "Requires Directory Admin permissions",
    "RestV11CompaniesCompanyIdUsersSyncPatch": "Requires Directory Admin permissions",
    "RestV12CompaniesCompanyIdUsersSyncPatch": "Requires Directory Admin permissions",
    "RestV13CompaniesCompanyIdUsersSyncPatch": "Requires Directory Admin permissions",
    "RestV10ProcoreItemAssociationsBulkDestroyDelete": "Requires admin permission (`delete_coordination_issue`)",
    "RestV20CompaniesCompanyIdCompanySecuritySettingsGet": "Show Company Security Settings for Admin user",
}


def git(mirror, *args):
    return subprocess.run(["git", "-C", mirror, *args], check=True,
                          capture_output=True, text=True).stdout


def load(mirror):
    commit = git(mirror, "rev-parse", "HEAD").strip()
    date = git(mirror, "log", "-1", "--format=%cs", "HEAD").strip()
    names = [n for n in git(mirror, "ls-tree", "--name-only", "HEAD", FOLDER + "/").split("\n")
             if n.endswith(".json")]
    eps = []
    for n in names:
        d = json.loads(git(mirror, "show", "HEAD:" + n))
        d["_file"] = os.path.basename(n)
        eps.append(d)
    return commit, date, eps


def rule_for(tag, scope):
    if tag in EXCLUDE:
        return None
    for s, prefix, tool, conf in RULES:
        if s == scope and (tag == prefix or tag.startswith(prefix + "/")):
            return tool, conf
    return None


def required_scope_params(ep):
    """Required project_id/company_id outside the path: [(name, where)]."""
    out = []
    for p in ep.get("parameters") or []:
        if p.get("in") != "path" and p.get("required") and p.get("name") in ("project_id", "company_id"):
            out.append((p["name"], p.get("in")))
    body = (ep.get("requestBody") or {}).get("schema") or {}
    for name in body.get("required") or []:
        if name in ("project_id", "company_id"):
            out.append((name, "body"))
    return out


def scope_of(ep):
    """(scope, how) or (None, reason)."""
    path = ep["path"]
    if "/projects/{project_id}" in path:
        return "project", None
    req = required_scope_params(ep)
    if "/companies/{company_id}" in path:
        # The path's company segment decides; a required project_id in the
        # body of such an endpoint only names the project of the record.
        proj = [w for n, w in req if n == "project_id"]
        return "company", ("company path; project_id also required", proj) if proj else None
    proj = [w for n, w in req if n == "project_id"]
    comp = [w for n, w in req if n == "company_id"]
    if proj:
        return "project", ("required project_id", proj)
    if comp:
        return "company", ("required company_id", comp)
    return None, None


def route_of(path):
    if not path.startswith("/rest/"):
        return None
    r = path[len("/rest"):]
    return re.sub(r"\{([^}]+)\}", r":\1", r)


def main():
    mirror = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_MIRROR
    tools = json.load(open(os.path.join(HERE, "tools.json"), encoding="utf-8"))
    keys = {s: {t["key"] for t in tools[s]} for s in ("company", "project")}
    commit, date, eps = load(mirror)

    groups = collections.OrderedDict()
    skipped = collections.Counter()
    skipped_examples = collections.defaultdict(list)
    for ep in sorted(eps, key=lambda e: (e["path"], e["method"])):
        tag = ep.get("tag") or ""
        route = route_of(ep["path"])
        if route is None:
            continue
        if not any(tag == p or tag.startswith(p + "/") for _, p, _, _ in RULES):
            continue  # group never names one of our tools
        if tag in EXCLUDE or ep["operationId"] in EXCLUDE_OPS:
            skipped["excluded tag/operation"] += 1
            skipped_examples["excluded tag/operation"].append(ep["operationId"])
            continue
        scope, how = scope_of(ep)
        if scope is None:
            skipped["scope unclear"] += 1
            skipped_examples["scope unclear"].append("%s %s (%s)" % (ep["method"], ep["path"], tag))
            continue
        m = rule_for(tag, scope)
        if m is None:
            skipped["scope has no matching tool"] += 1
            skipped_examples["scope has no matching tool"].append(
                "%s %s [%s] (%s)" % (ep["method"], ep["path"], scope, tag))
            continue
        tool, conf = m
        if ep["operationId"] in OP_TOOL:
            scope, tool, conf, why = OP_TOOL[ep["operationId"]]
            tag = "%s (operation %s: %s)" % (tag, ep["operationId"], why)
        if ep["method"].upper() == "GET" and route in {r for r, ms, _ in NO_TOOL if "GET" in ms}:
            continue  # needs no tool (NO_TOOL below)
        assert tool in keys[scope], (tool, scope)
        k = (route, scope, tool)
        g = groups.setdefault(k, {"methods": set(), "admin": set(), "tags": collections.OrderedDict(),
                                  "conf": set(), "how": collections.OrderedDict(),
                                  "admin_notes": []})
        g["methods"].add(ep["method"].upper())
        g["tags"].setdefault(tag, []).append(ep["_file"])
        g["conf"].add(conf)
        if how:
            g["how"].setdefault(how[0], set()).update(how[1])
        if ep["operationId"] in ADMIN:
            g["admin"].add(ep["method"].upper())
            g["admin_notes"].append("%s %s: '%s'" % (ep["method"].upper(), ep["_file"], ADMIN[ep["operationId"]]))

    order = {"low": 0, "medium": 1, "high": 2}
    routes = []
    for (route, scope, tool), g in groups.items():
        conf = min(g["conf"], key=order.get)
        parts = []
        for tag, files in g["tags"].items():
            parts.append("REST API reference group '%s' (%s %s/%s)" % (
                tag, REPO, FOLDER, ", ".join(sorted(files))))
        ev = "; ".join(parts)
        if g["how"]:
            ev += "; scope: " + "; ".join("%s (%s)" % (k, ", ".join(sorted(v)))
                                          for k, v in sorted(g["how"].items()))
        if g["admin_notes"]:
            ev += "; admin: " + "; ".join(g["admin_notes"])
        admin = set(g["admin"])
        sources = set(g["admin"])
        reads = set()
        classes = []
        for m in sorted(g["methods"]):
            for name, test in LEVEL_CLASSES:
                level = test(route, scope, tool, m)
                if level:
                    (admin if level == "admin" else reads).add(m)
                    sources.add(m)
                    classes.append("%s %s" % (m, name))
                    break
        if classes:
            ev += "; level: " + "; ".join(classes) + " (data/routes-sources.md, Levels)"
        entry = {
            "route": route,
            "methods": sorted(g["methods"]),
            "scope": scope,
            "tool": tool,
            "admin_methods": sorted(admin),
        }
        if reads:
            entry["read_methods"] = sorted(reads)
        entry["level_sources"] = sorted(sources)
        entry["confidence"] = conf
        entry["evidence"] = ev
        routes.append(entry)
    for route, methods, why in NO_TOOL:
        routes.append({
            "route": route,
            "methods": methods,
            "scope": "company",
            "tool": "",
            "admin_methods": [],
            "level_sources": methods,
            "confidence": "high",
            "evidence": "needs no tool: %s (data/routes-sources.md, identity calls)" % why,
        })
    routes.sort(key=lambda r: (r["route"], r["scope"], r["tool"]))

    about = (
        "Route map of the `usage` command: for each Procore REST API endpoint, written as the "
        "'Normalized Route' of Procore's API Call Activity Report (no /rest prefix, version "
        "segment kept, path parameters as :name), the tool of the app permission catalog "
        "(tools.json) it needs and in which scope. Facts (paths, methods, reference groups, "
        "parameter names) come from the public repository %s, folder %s (one JSON file per "
        "operation, captured from Procore's REST API reference), snapshot commit %s (%s). "
        "Made by data/gen_routes.py: an endpoint is mapped only when its reference group (tag) "
        "clearly names one of the catalog's tools (table in data/routes-sources.md); the scope "
        "is 'project' for a /projects/:project_id/ path or a required project_id, 'company' for "
        "a /companies/:company_id/ path or a required company_id; endpoints with neither are "
        "left out. 'admin_methods' lists methods whose reference text explicitly says Admin on "
        "the tool is needed (quoted in 'evidence'). 'confidence': high = the group names the "
        "tool exactly and the catalog key is high; medium = the group is clear but the catalog "
        "key is medium or the match needs a small step; low = plausible, not certain. The "
        "mappings are evidence-based, not an official Procore statement of the permissions an "
        "endpoint checks. To extend: map more routes in the project's config ([usage] routes), "
        "or add a rule to data/gen_routes.py and regenerate (or edit this file by hand, keeping "
        "an evidence line per entry)." % (REPO, FOLDER, commit, date)
    )
    out = {"about": about, "routes": routes}
    with open(os.path.join(HERE, "routes.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")

    # coverage (data/README.md carries these figures)
    ops = sum(1 for ep in eps if route_of(ep["path"]))
    mapped_ops = sum(len(r["methods"]) for r in routes if r["tool"])
    with_level = sum(
        1 for r in routes if r["tool"] for m in r["methods"]
        if m in r["level_sources"] or (m in ("GET", "HEAD") and m not in r["admin_methods"]))
    no_tool = sum(len(r["methods"]) for r in routes if not r["tool"])
    print("coverage: %d REST operations in the endpoint list; %d mapped to a tool (%.0f%%), "
          "%d of them with evidence for the level (%.0f%% of the mapped); %d known to need no tool"
          % (ops, mapped_ops, 100.0 * mapped_ops / ops, with_level, 100.0 * with_level / mapped_ops, no_tool),
          file=sys.stderr)

    # diagnostics for routes-sources.md
    counts = collections.Counter((r["scope"], r["tool"]) for r in routes)
    confs = collections.Counter((r["scope"], r["tool"], r["confidence"]) for r in routes)
    diag = {"commit": commit, "date": date, "files": len(eps), "entries": len(routes),
            "per_tool": {"%s/%s" % k: v for k, v in sorted(counts.items())},
            "per_tool_conf": {"%s/%s/%s" % k: v for k, v in sorted(confs.items())},
            "skipped": dict(skipped), "skipped_examples": skipped_examples}
    json.dump(diag, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
