"""The statements every transition runs, compiled once per process.

A transition reads the case's workflow columns under a row lock, updates the ones that changed and
inserts an event row (and its attachments). Building these statements through the ORM's query
compiler costs several times more than running them, so this module builds each statement's SQL
once — from the models' own field definitions, so a new column needs no change here — and then
only binds new parameters. The ORM's field conversions are kept: values go out through
``get_db_prep_save`` and come back through the compiler's converters, as with any queryset.
"""

import functools

from django.db import connection

from .models import Case, CaseCounter


def prepared_cursor():
    """A cursor for statements run at every transition: on PostgreSQL they are prepared on the
    server once per connection (planning them again on every execution costs as much as running
    them)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    raw = _prepared_cursor_class()(connection.connection)
    # Django's wrapper keeps query logging and execute_wrappers working for these statements.
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


@functools.cache
def _prepared_cursor_class():
    import psycopg

    class PreparedCursor(psycopg.Cursor):
        """Server-side parameter binding, the statement prepared on its first execution."""

        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True, **kwargs)

    return PreparedCursor


@functools.cache
def _lock_statement(vendor, fields):
    """SQL, and the converters for its columns, that read ``fields`` of one case and lock its row."""
    queryset = Case.objects.filter(pk=0).values_list(*fields)
    if connection.features.has_select_for_update:
        # of=("self",): lock the case row only. (SQLite has no row locks: its IMMEDIATE
        # transactions serialise writers instead.)
        queryset = queryset.select_for_update(of=("self",))
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    assert list(params) == [0], params  # the pk is the only parameter
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    return sql, compiler, converters


def lock(case_pk, fields):
    """The current values of ``fields`` (attnames) of case ``case_pk``, its row locked; None if gone."""
    sql, compiler, converters = _lock_statement(connection.vendor, tuple(fields))
    with prepared_cursor() as cursor:
        cursor.execute(sql, [case_pk])
        row = cursor.fetchone()
    if row is None:
        return None
    if converters:
        row = next(iter(compiler.apply_converters([row], converters)))
    return dict(zip(fields, row, strict=True))


@functools.cache
def _update_statement(vendor, attnames):
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(Case._meta.get_field(name).column)} = %s" for name in attnames)
    return f"UPDATE {quote(Case._meta.db_table)} SET {assignments} WHERE {quote(Case._meta.pk.column)} = %s"


def update(case, fields):
    """Write ``fields`` (model field names) of ``case`` with one UPDATE."""
    if not fields:
        return
    meta = Case._meta
    model_fields = [meta.get_field(name) for name in fields]
    sql = _update_statement(connection.vendor, tuple(field.attname for field in model_fields))
    params = [field.get_db_prep_save(getattr(case, field.attname), connection) for field in model_fields]
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*params, case.pk])


@functools.cache
def _insert_statement(vendor, model):
    quote = connection.ops.quote_name
    generated = model._meta.pk.db_returning  # an auto-incremented id, not one the row brings along
    fields = [field for field in model._meta.concrete_fields if not (field.primary_key and generated)]
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    returning = generated and connection.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {quote(model._meta.pk.column)}"
    return sql, fields, returning


def insert(instance):
    """INSERT one new model instance (its fields' pre_save runs, so files are stored) and set its pk."""
    sql, fields, returning = _insert_statement(connection.vendor, type(instance))
    params = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            instance.pk = cursor.fetchone()[0]
        elif instance.pk is None:
            instance.pk = cursor.lastrowid
    instance._state.adding = False
    instance._state.db = connection.alias
    return instance


@functools.cache
def _insert_ignoring_statement(vendor, model, rows):
    from django.db.models.constants import OnConflict

    quote = connection.ops.quote_name
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * rows)
    insert = connection.ops.insert_statement(on_conflict=OnConflict.IGNORE)
    suffix = connection.ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)
    return f"{insert} {quote(model._meta.db_table)} ({columns}) VALUES {values} {suffix}".rstrip(), fields


def insert_ignoring_conflicts(instances):
    """INSERT new instances of one model with an auto id in one statement, skipping those that a
    unique constraint says exist already (their pk is not set)."""
    if not instances:
        return
    sql, fields = _insert_ignoring_statement(connection.vendor, type(instances[0]), len(instances))
    params = [
        field.get_db_prep_save(field.pre_save(row, True), connection) for row in instances for field in fields
    ]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)


@functools.cache
def _serial_statement(vendor):
    quote = connection.ops.quote_name
    table = quote(CaseCounter._meta.db_table)
    jurisdiction, day, last = (
        quote(CaseCounter._meta.get_field(name).column) for name in ("jurisdiction", "day", "last")
    )
    # One statement takes the next number: the row lock it holds until commit makes two
    # reports of the same day wait for each other instead of sharing a number.
    return (
        f"INSERT INTO {table} ({jurisdiction}, {day}, {last}) VALUES (%s, %s, 1) "
        f"ON CONFLICT ({jurisdiction}, {day}) DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}"
    )


def next_serial(jurisdiction_id, day):
    """The next serial number of the day for the jurisdiction (1, 2, ...)."""
    with prepared_cursor() as cursor:
        cursor.execute(
            _serial_statement(connection.vendor),
            [jurisdiction_id, CaseCounter._meta.get_field("day").get_db_prep_save(day, connection)],
        )
        return cursor.fetchone()[0]
