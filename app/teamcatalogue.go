package app

import (
	"context"
	"errors"
	"net/url"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

// A team's shared catalogue on PostgreSQL: File › Open team catalogue… points the window at it, and File ›
// Use my own catalogue file goes back to the laptop's file. The window remembers the address (never the
// password) and the advisor's name, and opens the team catalogue again at the next start, falling back to the
// file, with a word, when the server cannot be reached (an advisor on a train).

const (
	prefTeamAddress = "team.address" // the team catalogue last opened, without a password; "" for the file
	prefTeamName    = "team.name"    // the advisor's name, which signs their notes and changes
	// keyringService is the name the password is kept under in the system keyring, with the address as the user.
	keyringService = "ClusterBridge team catalogue"
)

// AuthorName is the advisor's name that signs their changes: $CLUSTERBRIDGE_NAME, else the name given when
// they last opened a team catalogue.
func AuthorName(a fyne.App) string {
	if n := os.Getenv("CLUSTERBRIDGE_NAME"); n != "" {
		return n
	}
	return a.Preferences().String(prefTeamName)
}

// teamLogin is what opening a team catalogue takes.
type teamLogin struct {
	address, name, password string
	remember                bool // keep the password in the system keyring
}

// teamDialog is the Open team catalogue dialog.
type teamDialog struct {
	address, name, password *formEntry
	remember                *widget.Check
	dialog                  *fitDialog
}

// onOpenTeamCatalogue asks for a team catalogue's address, the advisor's name and, unless the keyring or a
// .pgpass file has it, the password; then opens it.
func (m *MainWindow) onOpenTeamCatalogue() {
	p := m.app.Preferences()
	d := &teamDialog{address: newFormEntry(), name: newFormEntry(), password: newFormEntry()}
	d.address.SetText(p.String(prefTeamAddress))
	d.address.SetPlaceHolder("postgres://anna@db.example.org/clusters?sslmode=verify-full")
	d.address.Validator = validTeamAddress
	d.name.SetText(p.String(prefTeamName))
	d.name.SetPlaceHolder(lang.L("As colleagues see it beside your notes"))
	d.password.Password = true
	d.password.SetPlaceHolder(lang.L("Empty: from the keyring or ~/.pgpass"))
	d.remember = widget.NewCheck(lang.L("Remember the password in the system keyring"), nil)
	d.dialog = newFormDialog(lang.L("Open team catalogue"), lang.L("Open"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Address"), d.address),
		widget.NewFormItem(lang.L("Your name"), d.name),
		widget.NewFormItem(lang.L("Password"), d.password),
		widget.NewFormItem("", d.remember),
	}, func(ok bool) {
		if ok {
			m.openTeam(teamLogin{address: strings.TrimSpace(d.address.Text), name: strings.TrimSpace(d.name.Text),
				password: d.password.Text, remember: d.remember.Checked}, true)
		}
	}, m.win)
	m.teamDialog = d
	d.dialog.Resize(fyne.NewSize(600, 330))
	showForm(m.win, d.dialog)
	m.win.Canvas().Focus(d.address)
}

// validTeamAddress accepts a postgres:// address without a password in it: the address is remembered, and a
// password must never be kept in plain text.
func validTeamAddress(s string) error {
	s = strings.TrimSpace(s)
	if !data.IsTeamAddress(s) {
		return errors.New(lang.L("A team catalogue's address starts with postgres://"))
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return errors.New(lang.L("A team catalogue's address starts with postgres://"))
	}
	if _, has := u.User.Password(); has {
		return errors.New(lang.L("Put the password in its own field, not in the address."))
	}
	return nil
}

// openTeam opens the team catalogue off the UI goroutine and, when it opens, shows it and remembers it. asked
// says the user asked just now: a failure is then an error to fix; at start it is a word that the window
// shows the file instead.
func (m *MainWindow) openTeam(l teamLogin, asked bool) {
	m.background(func(ctx context.Context) func() {
		store, keyErr, err := openTeamStore(ctx, l)
		return func() {
			if err != nil {
				if asked {
					m.showError(err)
				} else {
					m.showNotice(lang.L("Team catalogue"), lang.L("The team catalogue {{.Place}} could not be opened, so this is your own catalogue file. {{.Reason}}",
						map[string]any{"Place": teamPlace(l.address), "Reason": errorText(err)}))
				}
				return
			}
			p := m.app.Preferences()
			p.SetString(prefTeamAddress, l.address)
			p.SetString(prefTeamName, l.name)
			m.useStore(store)
			if keyErr != nil {
				m.showNotice(lang.L("Team catalogue"), lang.L("The keyring could not keep the password ({{.Reason}}); it is used until you close ClusterBridge.",
					map[string]any{"Reason": keyErr.Error()}))
			}
		}
	})
}

// openTeamStore opens a team catalogue with the password given, else the keyring's, else what PostgreSQL's
// own ~/.pgpass holds; a password given with remember goes into the keyring once the catalogue opened.
func openTeamStore(ctx context.Context, l teamLogin) (*data.Store, error, error) {
	password := l.password
	if password == "" {
		password, _ = keyring.Get(keyringService, l.address) // none kept: ~/.pgpass, or the server asks none
	}
	store, err := data.Open(ctx, withPassword(l.address, password), data.WithAuthor(l.name),
		data.WithSeed(scraper.Sample), data.DeferCheck())
	if err != nil {
		return nil, nil, err
	}
	var keyErr error
	if l.remember && l.password != "" {
		keyErr = keyring.Set(keyringService, l.address, l.password)
	}
	return store, keyErr, nil
}

// withPassword is address with password in it, for the connection only; address is returned as it is without one.
func withPassword(address, password string) string {
	u, err := url.Parse(address)
	if password == "" || err != nil {
		return address
	}
	name := ""
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = url.UserPassword(name, password)
	return u.String()
}

// teamPlace is a team catalogue's address as a title shows it: role@host/database.
func teamPlace(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return data.PlaceName(address)
	}
	place := u.Host + u.Path
	if u.User != nil && u.User.Username() != "" {
		place = u.User.Username() + "@" + place
	}
	return place
}

// onUseOwnFile goes back from a team catalogue (or a copy) to the advisor's own catalogue file, and forgets
// the team catalogue for the next start.
func (m *MainWindow) onUseOwnFile() {
	path := m.opts.OwnFile
	m.background(func(ctx context.Context) func() {
		if path == "" {
			var err error
			if path, err = data.DefaultPath(); err != nil {
				return func() { m.showError(err) }
			}
		}
		store, err := data.Open(ctx, path, data.WithSeed(scraper.Sample), data.DeferCheck())
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			m.app.Preferences().SetString(prefTeamAddress, "")
			m.useStore(store)
		}
	})
}

// reopenTeam opens at start the team catalogue the window showed last, unless the program was told which
// catalogue to open.
func (m *MainWindow) reopenTeam() {
	p := m.app.Preferences()
	if !m.opts.ReopenTeam || m.store.Team() || p.String(prefTeamAddress) == "" {
		return
	}
	m.openTeam(teamLogin{address: p.String(prefTeamAddress), name: p.String(prefTeamName)}, false)
}

// useStore shows another catalogue in the window: every view is built again on it, on the tab that was open.
// The catalogue shown before is closed.
func (m *MainWindow) useStore(store *data.Store) {
	old := m.store
	tab := m.tabs.SelectedIndex()
	m.onClosed()
	m.renew()
	m.store, m.storeOpened = store, true
	m.damaged = false
	m.build()
	m.tabs.SelectIndex(tab)
	go old.Close() // after its last queries, which the closing above cancelled
}

// windowTitle names what the window shows: the team catalogue, a read-only copy of one, or (plain) the file.
func (m *MainWindow) windowTitle() string {
	if mark, ok := m.store.CopyOf(); ok {
		return lang.L("ClusterBridge — read-only copy of {{.Place}} ({{.Day}})",
			map[string]any{"Place": teamPlace(mark.Source), "Day": formatDate(mark.At)})
	}
	if m.store.Team() {
		return lang.L("ClusterBridge — team catalogue {{.Place}}", map[string]any{"Place": teamPlace(m.store.Path())})
	}
	return lang.L("ClusterBridge")
}

// followChanges refreshes every view when a colleague changes the team catalogue, within seconds, without
// the user asking; it stops with the window's context.
func (m *MainWindow) followChanges() {
	changes := m.store.Changes(m.ctx)
	go func() {
		for range changes {
			m.do(m.refreshAll)
		}
	}()
}

// refreshAll shows the catalogue as it now is in every view: after a restore, or a colleague's change.
func (m *MainWindow) refreshAll() {
	m.runSearch(false)
	m.reloadShortlists()
	m.checkBanner()
	m.partners.invalidate()
	m.labels.refresh()
	m.reviews.refresh()
	m.reloadDetail()
	m.followUps.refresh()
}
