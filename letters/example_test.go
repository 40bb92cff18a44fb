package letters_test

import (
	"context"
	"fmt"
	"log"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"golang.org/x/text/language"
)

// A Danish collection warning (inkassovarsel), with the statutory check first.
func Example() {
	r, err := letters.New(letters.Options{})
	if err != nil {
		log.Fatal(err)
	}
	d := letters.SampleData(letters.CollectionWarning, dunning.DK)
	if err := letters.CheckStatutory(letters.CollectionWarning, d); err != nil {
		log.Fatal(err)
	}
	letter, err := r.Render(letters.CollectionWarning, language.Danish, d)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(letter.Subject)
	fmt.Println()
	fmt.Println(letter.Text)
	fmt.Println()
	fmt.Println(letter.SMS.Encoding, letter.SMS.Segments)
	// Output:
	// Inkassovarsel – faktura 1001, 1017
	//
	// Nordlys Tekstil ApS
	// Vesterbrogade 12
	// 1620 København V
	// CVR-nr. 24256790
	//
	// Jens Hansen
	// Nørregade 7, 2. th.
	// 8000 Aarhus C
	//
	// Dato: 3. marts 2025
	// Sagsnr.: 2025-0042
	// Kundenr.: K-10042
	//
	// Inkassovarsel – faktura 1001, 1017
	//
	// Kære Jens Hansen
	//
	// Trods vores rykkere har vi ikke modtaget betaling af nedenstående beløb.
	// Dette brev er vores varsel om, at kravet vil blive sendt til inkasso, hvis
	// det ikke bliver betalt.
	//
	// Faktura  Forfald     Beløb (DKK)  Betalt     Restbeløb
	// ------------------------------------------------------
	// 1001     15-01-2025     1.250,00  250,00      1.000,00
	// 1017     31-01-2025     3.499,50    0,00      3.499,50
	// ------------------------------------------------------
	// Rykkergebyr                                     100,00
	// Morarenter                                       44,47
	// I alt                                     4.643,97 kr.
	//
	// Faktura  Periode                Dage    Rente  Saldo (DKK)     Renter
	// ---------------------------------------------------------------------
	// 1001     16-01-2025–31-01-2025    16  10,75 %     1.000,00       4,71
	// 1001     01-02-2025–02-03-2025    30  10,75 %     1.000,00       8,84
	// 1017     01-02-2025–02-03-2025    30  10,75 %     3.499,50      30,92
	// ---------------------------------------------------------------------
	// Morarenter                                                  44,47 kr.
	// (renteloven § 5)
	//
	// Betal venligst 4.643,97 kr. senest den 17. marts 2025. Betaler du inden
	// fristen, pålægges der ikke yderligere omkostninger.
	//
	// Har vi ikke modtaget din betaling inden fristen, sender vi kravet til
	// inkasso uden yderligere varsel. Der vil da blive pålagt inkassoomkostninger
	// på 1.100,00 kr., og der løber fortsat renter, indtil betaling sker.
	//
	// Beløb:               4.643,97 kr.
	// Betales senest:      17. marts 2025
	// Bank:                Danske Bank
	// Konto:               Reg.nr. 1234 kontonr. 0012345678
	// IBAN:                DK50 0040 0440 1162 43
	// BIC:                 DABADKKK
	// Betalingsreference:  2025004215
	//
	// Er du uenig i kravet, beder vi dig give os skriftlig besked inden fristen på
	// bogholderi@nordlys-tekstil.dk.
	//
	// Har du betalt inden for de seneste dage, kan du se bort fra dette brev.
	//
	// Brevet er sendt af Nordlys Tekstil ApS, CVR-nr. 24256790.
	//
	// Med venlig hilsen
	// Nordlys Tekstil ApS
	//
	// --
	// Nordlys Tekstil ApS, Vesterbrogade 12, 1620 København V  ·  CVR-nr. 24256790
	// Telefon +45 33 12 34 56  ·  E-mail bogholderi@nordlys-tekstil.dk  ·  nordlys-tekstil.dk
	// Danske Bank  ·  Konto Reg.nr. 1234 kontonr. 0012345678  ·  IBAN DK50 0040 0440 1162 43  ·  BIC DABADKKK
	//
	// GSM-7 1
}

// A host's Dispatcher delivers each message at most once per ID: the relay may call
// it again with the same message after a crash or a timeout.
func ExampleDispatcherFunc() {
	sent := map[string]bool{} // a real dispatcher keeps this in its database
	d := letters.DispatcherFunc(func(ctx context.Context, m letters.Message) error {
		if sent[m.ID] {
			return nil // already delivered: a retry
		}
		sent[m.ID] = true
		fmt.Printf("%s to %s: %s\n", m.Channel, m.Recipient, m.Subject)
		return nil
	})
	r, err := letters.New(letters.Options{})
	if err != nil {
		log.Fatal(err)
	}
	letter, err := r.Render(letters.Reminder, language.Norwegian, letters.SampleData(letters.Reminder, dunning.NO))
	if err != nil {
		log.Fatal(err)
	}
	msg := letter.Message("case-42/reminder-2/2025-03-03", letters.Email, "kari@example.no")
	_ = d.Deliver(context.Background(), msg)
	_ = d.Deliver(context.Background(), msg) // the retry is recognised
	// Output: email to kari@example.no: 2. purring – faktura 1001, 1017
}

// RenderFor renders what a message on one channel carries: for an SMS, the
// subject and the SMS text; Text and HTML are left out.
func ExampleRenderer_RenderFor() {
	r, err := letters.New(letters.Options{})
	if err != nil {
		log.Fatal(err)
	}
	d := letters.SampleData(letters.Reminder, dunning.DK)
	letter, err := r.RenderFor(letters.Reminder, language.Danish, d, letters.SMS)
	if err != nil {
		log.Fatal(err)
	}
	m := letter.Message("c-42/reminder/1", letters.SMS, "+4520123456")
	fmt.Println(m.Text)
	fmt.Println(letter.Text == "" && letter.HTML == "")
	// Output:
	// Nordlys Tekstil ApS: 2. rykker for faktura 1001, 1017. 4.643,97 kr. er forfaldent. Betal senest 17-03-2025, ref. 2025004215.
	// true
}
