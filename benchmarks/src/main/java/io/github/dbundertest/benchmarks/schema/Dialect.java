package io.github.dbundertest.benchmarks.schema;

/** The SQL flavour a generated schema is written in. */
public enum Dialect {

	/** Identity and serial ids, foreign keys, a standalone sequence used through {@code DEFAULT nextval()}. */
	POSTGRES,

	/** {@code INTEGER PRIMARY KEY AUTOINCREMENT} ids (tracked in {@code sqlite_sequence}) and foreign keys. */
	SQLITE
}
