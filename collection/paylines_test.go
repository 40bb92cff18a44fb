package collection_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/letters/payslip/qrcode"
	"github.com/dunning-go/dunning/money"
)

// TestPayFromTheLetter: a Finnish reminder carries the virtual bar code of its
// total, deadline and reference, and an EPC QR code whose payload is the same
// figures; a Danish one with the creditor's FI number carries the FIK +71 line;
// a posted letter carries its PDF.
func TestPayFromTheLetter(t *testing.T) {
	var mu sync.Mutex
	var payloads []string
	qr := func(p string) ([]byte, error) {
		mu.Lock()
		payloads = append(payloads, p)
		mu.Unlock()
		return qrcode.PNG(p, 240)
	}
	fi := collection.CreditorProfile{Letterhead: letters.Creditor{Bank: letters.Bank{IBAN: "FI21 1234 5600 0007 85", BIC: "NDEAFIHH"}}}
	dk := collection.CreditorProfile{Letterhead: letters.Creditor{Bank: letters.Bank{IBAN: "DK50 0040 0440 1162 43", FIKCreditor: "81234567"}}}
	cr := collection.StaticCreditors{Profiles: map[string]collection.CreditorProfile{"cr-fi": fi, "cr-1": dk}}
	var pdfs int
	pdf := func(l letters.Letter, d letters.Data) ([]byte, error) {
		mu.Lock()
		pdfs++
		mu.Unlock()
		return []byte("%PDF-1.7 " + l.Subject), nil
	}
	e := newBatchEnv(t, date.MustNew(2025, 2, 15), collection.Options{Creditors: cr, QRCode: qr, PDF: pdf})

	r := openReq("fi-1")
	r.Jurisdiction, r.Currency = dunning.FI, ""
	r.Creditor.ID, r.Creditor.Jurisdiction, r.Creditor.Address.Country = "cr-fi", dunning.FI, "FI"
	r.Debtor.Jurisdiction, r.Debtor.Address.Country = dunning.FI, "FI"
	r.Invoices[0].Amount = money.MustNew("1000", money.EUR)
	_, err := e.svc.Open(t.Context(), r)
	require.NoError(t, err)
	rdk := openReq("dk-1")
	rdk.Debtor.Email = "" // by post
	_, err = e.svc.Open(t.Context(), rdk)
	require.NoError(t, err)
	e.runDays(date.MustNew(2025, 2, 15), date.MustNew(2025, 3, 10), collection.BatchRequest{})

	var fiMsg, dkMsg *letters.Message
	for _, o := range e.outbox() {
		m := o.Message
		switch {
		case strings.HasPrefix(m.ID, "fi-1/") && fiMsg == nil && m.Kind == letters.Reminder:
			fiMsg = &m
		case strings.HasPrefix(m.ID, "dk-1/") && dkMsg == nil && m.Kind == letters.Reminder:
			dkMsg = &m
		}
	}
	require.NotNil(t, fiMsg)
	require.NotNil(t, dkMsg)

	// Finland: the bar code decodes to the letter's figures; the QR is in the HTML.
	require.Contains(t, fiMsg.HTML, `<figure class="qr"><img src="data:image/png;base64,`)
	var code string
	for _, ln := range strings.Split(fiMsg.Text, "\n") {
		if strings.HasPrefix(ln, "Virtuaaliviivakoodi:") {
			code = strings.TrimSpace(strings.TrimPrefix(ln, "Virtuaaliviivakoodi:"))
		}
	}
	require.Len(t, code, 54, fiMsg.Text)
	bc, err := payslip.ParseFIBarcode(code)
	require.NoError(t, err)
	c := e.get("fi-1")
	ref, err := collection.PaymentReference(c.ID, c.Jurisdiction)
	require.NoError(t, err)
	require.Equal(t, ref.String(), bc.Reference.String())
	require.Contains(t, fiMsg.Text, bc.Amount.FormatNumber(c.Debtor.LetterLanguage()))
	require.False(t, bc.Due.IsZero())

	// The EPC payload carries the same amount and the reference as RF.
	require.NotEmpty(t, payloads)
	epc, err := payslip.ParseEPC(payloads[0])
	require.NoError(t, err)
	require.Equal(t, bc.Amount, epc.Amount)
	rf, err := ref.RF()
	require.NoError(t, err)
	require.Equal(t, rf.String(), epc.Reference.String())
	require.Equal(t, "FI2112345600000785", epc.IBAN)

	// Denmark: the FIK line, no QR (DKK), and the posted letter's PDF.
	require.Contains(t, dkMsg.Text, "+71<")
	require.Contains(t, dkMsg.Text, "+81234567<")
	require.NotContains(t, dkMsg.HTML, `class="qr"`)
	require.Equal(t, letters.Post, dkMsg.Channel)
	require.Len(t, dkMsg.Attachments, 1)
	require.Equal(t, "application/pdf", dkMsg.Attachments[0].ContentType)
	require.True(t, strings.HasSuffix(dkMsg.Attachments[0].Name, ".pdf"))
	require.Empty(t, fiMsg.Attachments, "an e-mail carries no PDF")
	require.Positive(t, pdfs)
}
