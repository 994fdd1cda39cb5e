package db

import (
	"database/sql"
	"fmt"
)

func Open(host, user, password string) (*sql.DB, error) {
	dsn := fmt.Sprintf("postgres://%s:%s@%s/app?sslmode=require", user, password, host)
	conn, err := sql.Open("pgx", dsn)
	if err != nil {
		// expect: secret-exposure
		return nil, fmt.Errorf("open %s: %w", dsn, err)
	}
	return conn, nil
}
