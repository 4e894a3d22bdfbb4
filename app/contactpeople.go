package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// contactPeopleEditor is the dialog of the user's own contact people at a cluster on a shortlist: the list
// with Move up, Edit and Remove on each (the first is the one the table shows), and Add. The contact the source publishes is shown apart, as not theirs.
type contactPeopleEditor struct {
	win    fyne.Window
	entry  data.Entry
	people []data.ContactPerson

	intro     *widget.Label
	published *widget.Label
	list      *widget.List
	empty     *widget.Label
	add       *widget.Button
	dialog    *fitDialog
	form      *personForm // the person form last opened

	onSave   func(p, seen data.ContactPerson) // adds (ID 0) or changes a person, as the form showed them (seen)
	onRemove func(p data.ContactPerson)
	onMove   func(p data.ContactPerson, to int) // puts a person at place to, 0 first
}

func newContactPeopleEditor(win fyne.Window, e data.Entry) *contactPeopleEditor {
	c := &contactPeopleEditor{win: win, entry: e, people: e.People,
		onSave: func(data.ContactPerson, data.ContactPerson) {}, onRemove: func(data.ContactPerson) {}, onMove: func(data.ContactPerson, int) {}}
	c.build()
	return c
}

func (c *contactPeopleEditor) build() {
	c.list = widget.NewList(func() int { return len(c.people) }, c.createRow, c.updateRow)
	c.empty = dim(lang.L("No contact people of yours yet. Add the people you deal with at this cluster."))
	c.add = widget.NewButtonWithIcon(lang.L("Add person"), theme.ContentAddIcon(), c.onAddTapped)
	c.add.Importance = widget.HighImportance
	published := lang.L("The source publishes no contact.")
	if pc := c.entry.Cluster.Contact; pc != "" {
		published = lang.L("Published by the source (not one of yours): {{.Contact}}", map[string]any{"Contact": pc})
	}
	c.intro = wrapped(lang.L("Your contacts: the people you deal with at {{.Cluster}} for this shortlist. Imports never change them.",
		map[string]any{"Cluster": c.entry.Cluster.Name}))
	c.published = dim(published)
	top := container.NewVBox(c.intro, c.published, widget.NewSeparator())
	bottom := container.NewHBox(c.add)
	body := container.NewBorder(top, bottom, nil, nil, container.NewStack(c.list, container.NewVBox(c.empty)))
	d := newMessageDialog(lang.L("Your contacts — {{.Cluster}}", map[string]any{"Cluster": c.entry.Cluster.Name}),
		lang.L("Close"), body, c.win)
	d.Resize(fyne.NewSize(560, 440))
	c.dialog = d
	c.showPeople(c.people)
}

func (c *contactPeopleEditor) show() { showMessage(c.win, c.dialog) }

// showPeople replaces the people shown, as the store now has them.
func (c *contactPeopleEditor) showPeople(people []data.ContactPerson) {
	c.people = people
	c.list.Refresh()
	if len(people) == 0 {
		c.empty.Show()
	} else {
		c.empty.Hide()
	}
}

func (c *contactPeopleEditor) createRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	details := widget.NewLabel("")
	details.Truncation = fyne.TextTruncateEllipsis
	details.SizeName = theme.SizeNameCaptionText
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), nil) // the first is the one the table shows
	edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), nil)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, details)
	return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(up, edit, remove)), lines)
}

func (c *contactPeopleEditor) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(c.people) {
		return
	}
	p := c.people[i]
	row := o.(*fyne.Container)
	lines := row.Objects[0].(*fyne.Container).Objects
	buttons := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects
	name := p.Name
	if name == "" {
		name = p.Email
	}
	lines[0].(*widget.Label).SetText(name)
	var details []string
	for _, s := range []string{p.Role, p.Email, p.Phone} {
		if s != "" {
			details = append(details, s)
		}
	}
	if p.AddedBy != "" {
		details = append(details, lang.L("added by {{.Name}}", map[string]any{"Name": p.AddedBy}))
	}
	lines[1].(*widget.Label).SetText(strings.Join(details, " · "))
	up := buttons[0].(*widget.Button)
	up.OnTapped = func() { c.onMove(p, i-1) }
	if i == 0 {
		up.Disable()
	} else {
		up.Enable()
	}
	buttons[1].(*widget.Button).OnTapped = func() { c.personForm(p) }
	buttons[2].(*widget.Button).OnTapped = func() { c.onRemove(p) }
}

func (c *contactPeopleEditor) onAddTapped() { c.personForm(data.ContactPerson{}) }

// personForm asks for a person's name, role, e-mail and phone; a person needs a name or an e-mail address.
func (c *contactPeopleEditor) personForm(p data.ContactPerson) {
	name, role, email, phone := newFormEntry(), newFormEntry(), newFormEntry(), newFormEntry()
	name.SetText(p.Name)
	role.SetText(p.Role)
	email.SetText(p.Email)
	phone.SetText(p.Phone)
	role.SetPlaceHolder(lang.L("e.g. Project manager"))
	email.SetPlaceHolder(lang.L("name@example.org"))
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" && strings.TrimSpace(email.Text) == "" {
			return errors.New(lang.L("A contact person needs a name or an e-mail address."))
		}
		return nil
	}
	email.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := data.ParseEmail(s); err != nil {
			return errors.New(lang.L("Write one address, like name@example.org, or leave it empty."))
		}
		return nil
	}
	email.OnChanged = func(string) { _ = name.Validate() } // an e-mail address is enough without a name
	title, confirm := lang.L("Add contact person"), lang.L("Add")
	if p.ID != 0 {
		title, confirm = lang.L("Edit contact person"), lang.L("Save")
	}
	d := newFormDialog(title, confirm, lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Role"), role),
		widget.NewFormItem(lang.L("E-mail"), email),
		widget.NewFormItem(lang.L("Phone"), phone),
	}, func(ok bool) {
		if ok {
			c.onSave(data.ContactPerson{ID: p.ID, Name: strings.TrimSpace(name.Text), Role: strings.TrimSpace(role.Text),
				Email: strings.TrimSpace(email.Text), Phone: strings.TrimSpace(phone.Text)}, p)
		}
	}, c.win)
	d.Resize(fyne.NewSize(460, 300))
	c.form = &personForm{name: name, role: role, email: email, phone: phone, dialog: d}
	showForm(c.win, d)
	c.win.Canvas().Focus(name)
}

// personForm is the fields of the person form, kept for tests.
type personForm struct {
	name, role, email, phone *formEntry
	dialog                   *fitDialog
}

// contactNames names the user's contact people, each by name or else e-mail, joined with ", ".
func contactNames(people []data.ContactPerson) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = personName(p)
	}
	return strings.Join(names, ", ")
}
