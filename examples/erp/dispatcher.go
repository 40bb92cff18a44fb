package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
)

// Step 2: transport.
//
// The SDK writes letters to the outbox; a Relay hands each one to the host's
// letters.Dispatcher, at least once. emlDispatcher "sends" e-mail by writing each
// message as an RFC 5322 file (.eml: headers, then MIME multipart/alternative with a
// plain-text and an HTML part) into a mail folder, where a real ERP would hand it to
// its mail server; post and print letters go to a print folder as HTML, for the
// letter service.
//
// The Dispatcher contract: a repeated Message.ID is a delivery already done. Here the
// file name is made from the id and created with O_EXCL, so a repeat finds the file
// and returns nil, and a crash between writing and the relay's receipt costs nothing.
type emlDispatcher struct {
	dir   string
	clock date.Clock
	// from returns the sender of a message: the company that is the creditor of
	// its case (Message.CreditorID).
	from func(m letters.Message) (mail.Address, error)
}

// Deliver implements letters.Dispatcher.
func (d *emlDispatcher) Deliver(ctx context.Context, m letters.Message) error {
	var name string
	var body []byte
	switch m.Channel {
	case letters.Email:
		from, err := d.from(m)
		if err != nil {
			return err
		}
		name = filepath.Join("mail", fileName(m.ID)+".eml")
		if body, err = eml(m, from, d.clock.Now()); err != nil {
			return err
		}
	default: // post, print (and SMS, which this host does not use)
		name = filepath.Join("print", fileName(m.ID)+".html")
		body = []byte(m.HTML)
	}
	path := filepath.Join(d.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return nil // delivered before: the relay is retrying
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(body); err != nil {
		f.Close()
		os.Remove(path) // so the retry writes it whole
		return err
	}
	return f.Close()
}

// eml renders m as an RFC 5322 message from from, dated now.
func eml(m letters.Message, from mail.Address, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	// A boundary made from the id, so that the same message always gives the same file.
	sum := sha256.Sum256([]byte(m.ID))
	mw := multipart.NewWriter(&b)
	if err := mw.SetBoundary("dunning-" + hex.EncodeToString(sum[:12])); err != nil {
		return nil, err
	}
	to := mail.Address{Address: m.Recipient}
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	var h bytes.Buffer
	for _, kv := range [][2]string{
		{"From", from.String()},
		{"To", to.String()},
		{"Subject", mime.QEncoding.Encode("utf-8", m.Subject)},
		{"Date", now.Format(time.RFC1123Z)},
		{"Message-ID", "<" + fileName(m.ID) + "@" + domain + ">"},
		{"X-Dunning-Message", m.ID},  // the idempotency key, for bounces and receipts
		{"X-Dunning-Case", m.CaseID}, // the case, for the ERP's customer view
		{"Content-Language", m.Lang.String()},
		{"MIME-Version", "1.0"},
		{"Content-Type", "multipart/alternative; boundary=" + mw.Boundary()},
	} {
		fmt.Fprintf(&h, "%s: %s\r\n", kv[0], kv[1])
	}
	h.WriteString("\r\n")
	for _, part := range []struct{ typ, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		pw, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.typ + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qw := quotedprintable.NewWriter(pw)
		if _, err := qw.Write([]byte(part.body)); err != nil {
			return nil, err
		}
		if err := qw.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return append(h.Bytes(), b.Bytes()...), nil
}

// fileName makes a message id ("R20250101/0/2") a file name ("R20250101-0-2").
func fileName(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == '<' || r == '>' {
			return '-'
		}
		return r
	}, id)
}
