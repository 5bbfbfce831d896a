"""OpenAPI post-processing: one documented shape for every 400."""

ERROR_COMPONENT = "ValidationError"
ERROR_REF = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}


def document_errors(result, generator, request, public):
    """Every operation that takes a body or query parameters may answer 400 `{detail, errors}`.

    The exception handler (tendik/core/api.py) gives every 400 that shape, so the schema says
    so once here instead of on each view. A view that documents its own 400 keeps it.
    """
    if ERROR_COMPONENT not in result.get("components", {}).get("schemas", {}):
        return result
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            queried = any(p.get("in") == "query" for p in operation.get("parameters", []))
            if "requestBody" in operation or queried:
                operation["responses"].setdefault("400", {
                    "content": {"application/json": {"schema": ERROR_REF}},
                    "description": "",
                })
    return result
