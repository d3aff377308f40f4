// Command ferretdb runs FerretDB 1.24 (the embeddable package) for the marketplace's embedded database.
//
// Why a wrapper and not `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`: that binary
// panics at start ("Invalid build/version/version.txt file content") because the module as served by
// the Go module proxy lacks the generated version.txt its own main package requires. The embeddable
// package `github.com/FerretDB/FerretDB/ferretdb` has no such requirement and is the same server.
//
// It also ties its life to the server that started it, so a server killed with SIGKILL does not leave
// a database running (and serving its files) behind:
//
//	-exit-on-stdin-eof  stop when standard input reaches end of file. The server spawns it with a pipe
//	                    on stdin; the kernel closes that pipe however the server dies.
//	-parent-pid N       stop when the parent process is no longer N (the parent died and the process
//	                    was re-parented), checked twice a second; a second guard besides the pipe.
//
// Files it creates (the SQLite databases) are private to the user: umask 077.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI (sqlite handler)")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL (postgresql handler)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	stdinEOF := flag.Bool("exit-on-stdin-eof", false, "stop when standard input is closed (spawn with a pipe on stdin)")
	parentPID := flag.Int("parent-pid", 0, "stop when the parent process is no longer this pid (0: do not watch)")
	flag.Parse()

	syscall.Umask(0o077)

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "bad -log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	ctx, orphaned := context.WithCancelCause(ctx)

	if *stdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin) // returns at EOF or on a read error: the parent is gone
			orphaned(fmt.Errorf("standard input closed"))
		}()
	}
	if *parentPID > 0 {
		go func() {
			for {
				if os.Getppid() != *parentPID {
					orphaned(fmt.Errorf("parent process %d is gone", *parentPID))
					return
				}
				time.Sleep(500 * time.Millisecond)
			}
		}()
	}

	fmt.Fprintf(os.Stderr, "ferretdb: listening on %s (%s)\n", *listen, *handler)
	// A watchdog: if a graceful stop hangs, leave anyway (the SQLite files are consistent at any point).
	go func() {
		<-ctx.Done()
		time.Sleep(10 * time.Second)
		fmt.Fprintln(os.Stderr, "ferretdb: did not stop within 10 s, exiting")
		os.Exit(1)
	}()
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
	if cause := context.Cause(ctx); cause != nil && cause != context.Canceled {
		fmt.Fprintf(os.Stderr, "ferretdb: stopped: %v\n", cause)
	}
}
