# ClusterBridge. `make run` opens the app, `make test` checks everything; both install what they need first.
SHELL := /bin/bash
export LANG := en_US.UTF-8
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

# Debian packages: a C compiler and the OpenGL/X11 headers for Fyne's GLFW driver; Xvfb and ImageMagick for
# the end-to-end smoke test and the README's pictures; PostgreSQL, whose throw-away server the tests of the
# team catalogue run against, and openssl, which makes its TLS certificate.
DEB_PACKAGES := gcc libgl1-mesa-dev xorg-dev pkg-config xvfb xauth imagemagick postgresql openssl
BIN := clusterbridge
# no_emoji leaves Fyne's colour emoji font (4 MB, about 20 MB parsed in memory) out of the binary: the catalogue
# never needs it (EUCLES flag emoji become country codes), and without it the window stays under 200 MB.
TAGS := no_emoji

.PHONY: run test deps build vet unit smoke bench package clean

run: deps build
	./$(BIN)

test: deps vet unit smoke

# Installs only the packages that are missing, so a second run takes a moment.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		[ "$$(id -u)" = 0 ] && SUDO= || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v go >/dev/null || { echo "Go is missing: install Go 1.26 or later from go.dev/dl" >&2; exit 1; }

build:
	go build -tags $(TAGS) -o $(BIN) .

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted" >&2; exit 1; fi
	go vet ./...
	@go mod tidy -diff >/dev/null || { go mod tidy -diff; echo "go.mod or go.sum is not tidy: run go mod tidy and commit them" >&2; exit 1; }

# The tests run against a throw-away PostgreSQL server on loopback as well as SQLite files.
unit:
	./scripts/with-postgres.sh go test -race -timeout 30m ./...

# The real binary under a virtual display on a fresh catalogue: it must draw something and keep running.
smoke: build
	./scripts/smoke.sh ./$(BIN)

bench:
	go test -run '^$$' -bench . -benchmem -count 5 ./data ./scraper ./suggest ./app

# A Linux desktop package; `make build` first so that fyne package reuses the binary.
package: build
	go run fyne.io/tools/cmd/fyne@latest package -os linux --exe $(BIN)

clean:
	rm -f $(BIN) ClusterBridge.tar.xz
