-- The store's schema as release 0.1.0 made it with create-all on sqlite (before migrations).
CREATE TABLE documents (
	id INTEGER NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	raw BLOB NOT NULL, 
	text TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	error TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_documents_sha256 ON documents (sha256);

CREATE TABLE runs (
	id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	configuration VARCHAR(300) NOT NULL, 
	threshold FLOAT NOT NULL, 
	record JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_runs_document_id ON runs (document_id);

CREATE TABLE decisions (
	id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	run_id INTEGER NOT NULL, 
	pointer VARCHAR(200) NOT NULL, 
	version INTEGER NOT NULL, 
	action VARCHAR(10) NOT NULL, 
	value JSON, 
	previous JSON, 
	reviewer VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (run_id, pointer, version), 
	FOREIGN KEY(document_id) REFERENCES documents (id), 
	FOREIGN KEY(run_id) REFERENCES runs (id)
);

CREATE INDEX ix_decisions_document_id ON decisions (document_id);

CREATE TABLE fields (
	id INTEGER NOT NULL, 
	run_id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	pointer VARCHAR(200) NOT NULL, 
	family VARCHAR(20) NOT NULL, 
	value JSON, 
	confidence FLOAT NOT NULL, 
	flagged BOOLEAN NOT NULL, 
	flags JSON NOT NULL, 
	reasons JSON NOT NULL, 
	source VARCHAR(40) NOT NULL, 
	quote TEXT, 
	start INTEGER, 
	"end" INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (run_id, pointer), 
	FOREIGN KEY(run_id) REFERENCES runs (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_fields_document_id ON fields (document_id);

CREATE INDEX ix_fields_queue ON fields (flagged, confidence);

CREATE INDEX ix_fields_run_id ON fields (run_id);
