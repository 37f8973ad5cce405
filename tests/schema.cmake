# The JSON Schema of format v1 (sessions/schema.json): every built-in session is valid against it, and it
# rejects the invalid fixtures in tests/data/schema/invalid for the reason each names. Debian's python3
# is named explicitly: it has python3-jsonschema and python3-yaml (a python3 on PATH may not).
add_test(NAME schema.sessions_and_fixtures
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/schema/validate_sessions.py
                 ${PROJECT_SOURCE_DIR}/sessions/schema.json ${PROJECT_SOURCE_DIR}/sessions
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/schema)
set_tests_properties(schema.sessions_and_fixtures PROPERTIES LABELS unit TIMEOUT 60)
