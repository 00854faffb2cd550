package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// migrationFiles is the schema, one numbered file per change. Files are
// only ever added: an applied migration is never edited.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrate applies, in name order, every migrations/*.sql file of fsys not yet
// recorded in the migrations table, each in its own transaction together
// with its record, so a failed migration leaves no trace and is retried on
// the next start.
func (db *DB) migrate(ctx context.Context, fsys fs.FS) error {
	if _, err := db.w.ExecContext(ctx, db.q.createMigrations); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, file := range names {
		if err := db.migrateFile(ctx, fsys, file); err != nil {
			return fmt.Errorf("migration %s: %w", path.Base(file), err)
		}
	}
	return nil
}

// migrateFile applies one file, recorded under its base name.
func (db *DB) migrateFile(ctx context.Context, fsys fs.FS, file string) error {
	name := path.Base(file)
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	// Checked inside the transaction: its write lock makes a second process
	// starting at the same moment wait, then see the record and skip.
	var n int
	if err := tx.QueryRowContext(ctx, db.q.migrationApplied, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.dialect.schema(string(body))); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.q.recordMigration, name, db.now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}
