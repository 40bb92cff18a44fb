// Package payslip builds and reads the machine-readable ways a debtor pays from a
// dunning letter: the lines and codes a payer copies into, or scans with, the online
// bank so that the payment reaches the creditor's account with the right reference.
// Everything is a pure function of its values: no state, no clock, no I/O, and no
// import outside the SDK and the standard library. Drawing a QR code is
// payslip/qrcode's job, the only package that imports a QR library.
//
// # What each slip is
//
//   - [EPC]: the EPC QR code ("GiroCode", "Scan2Pay", "Zahlen mit Code") of the
//     European Payments Council's guideline EPC069-12, the data of a SEPA credit
//     transfer in euro: up to twelve elements, one per line — "BCD", version "001"
//     or "002", character set, "SCT", BIC, name, IBAN, "EUR" amount, purpose,
//     structured (RF) or unstructured remittance information, and information for
//     the payer — at most 331 bytes, drawn at error correction level M. [EPC.Encode]
//     writes it (always UTF-8, line feeds, trailing empty elements left off);
//     [ParseEPC] reads one.
//   - [FIBarcode]: the Finnish bank bar code (pankkiviivakoodi) as its 54-digit
//     virtual bar code (virtuaaliviivakoodi): version, IBAN, euros, cents,
//     reference and due date. Version 4 carries a national reference
//     (letters.FIReference), version 5 an RF reference (letters.RFReference).
//     [FIBarcode.Encode] and [ParseFIBarcode].
//   - [FIK]: the Danish code line (kodelinje) of a Fælles Indbetalingskort, card
//     types +71 ("+71<" 15-digit payment id "+" 8-digit creditor number "<"), +73
//     (no payment id) and +75 (16-digit payment id). [FIK.Encode] and [ParseFIK].
//   - [SEGiro] with [Bankgiro] and [Plusgiro]: a Swedish inbetalningskort's
//     account, OCR reference and amount, validated, with the numbers printed as
//     "5402-9681" and "28 65 43-4".
//   - [NOGiro] with [NOAccount]: a Norwegian giro's account (11 digits, MOD11,
//     printed "1234 56 78903"), KID and amount, validated.
//
// References (KID, OCR, the Finnish national reference, RF, the FIK payment id) are
// letters.Reference values: make them with letters.NewReference and turn a national
// reference into its RF form with letters.Reference.RF.
//
// # Errors
//
// Bad input is a *dunning.FieldError naming the field ("EPC.IBAN",
// "FIBarcode.Due", "FIK.Creditor", ...) and the value as given; when several fields
// are wrong, every problem is returned, joined with errors.Join. Errors about a
// reference keep the letters error (which unwraps to letters.ErrInvalidReference) as
// their Err. Every error unwraps to dunning.ErrInvalid.
//
// # Sources
//
// The status of each rule as encoded here: VERIFIED (read in the issuer's own text),
// SECONDARY (read in implementations or vendor pages that follow the issuer's text,
// several agreeing), UNVERIFIED (inferred; no source read). The issuers' documents
// themselves (EPC069-12's element table, Finanssiala's guide, Nets' and Bankgirot's
// form specifications) could not be read in full while this was written.
//
//   - EPC069-12, "Quick Response Code: Guidelines to Enable Data Capture for the
//     Initiation of a SEPA Credit Transfer" (v2.1 of 9 February 2012; v3.0 of
//     2022; v3.1 of 2024). VERIFIED from a transcription of the v2.1 text: error
//     correction level M, QR version at most 13 ("331 byte payload"), character
//     set codes 1 (UTF-8) to 7 (ISO 8859-10); code 8 (ISO 8859-15) is SECONDARY
//     (segno, cika-software). SECONDARY: the element order and lengths (BIC 8 or 11,
//     mandatory in 001 and optional in 002; name 70; IBAN 34; amount "EUR" 0.01 to
//     999999999.99; purpose 4; structured reference 35; text 140; information 70;
//     structured and unstructured exclusive), LF or CR LF separators and nothing
//     after the last element given — Neodynamic's EPC QR page, BWIPP's EPC QR Code
//     wiki page, segno's helpers and tests (heuer/segno), all agreeing. The
//     guideline's examples 1 and 2 are quoted byte for byte by segno's tests (96 and
//     103 bytes) and by other public implementations; the tests use them and the
//     Red Cross sample of Wikipedia's "EPC QR code" article.
//   - Finanssiala (Finance Finland), "Pankkiviivakoodi-opas" / "Bank Bar Code
//     Guide", version 5.3 (8 November 2012, corrected 21 October 2019). SECONDARY:
//     the 54-digit layouts of versions 4 and 5, the zero amount and 000000 due date
//     when absent, and the guide's example invoices, transcribed by
//     rambo/python-holviapi (tests/test_barcode.py, "valid inputs from
//     specification", nine invoices per version), antsy/viivakoodi (test.php) and a
//     pytest suite citing "Pankkiviivakoodi-Opas Versio 5.3" invoices 1, 3, 5, 6, 7
//     and 9, which agree digit for digit; and the README examples of
//     akselinurmio/virtuaaliviivakoodi.
//   - Danish FIK: the +71 line and its Luhn check digit as in letters (giro-kort.dk,
//     dantryk.dk, Uniconta, Business::DK::FI; SECONDARY). Card +75's 16-digit
//     payment id (formula-digital.dk, giro-kort.dk; SECONDARY) and the +73 line
//     "+73<+creditor<" (one public implementation's test; SECONDARY, weak).
//   - Swedish bankgiro (7 or 8 digits) and plusgiro (2 to 8 digits) numbers with a
//     Luhn check digit, and their printed forms: barsoom/banktools-se (its specs use
//     Carnegie's and IKEA's published numbers). SECONDARY.
//   - Norwegian account numbers, 11 digits with MOD11 weights 5,4,3,2,7,6,5,4,3,2:
//     Ondkloss/norwegian-numbers and the SWIFT IBAN registry's Norwegian example
//     (NO93 8601 1117 947); the printed form "1234 56 78903" from Cordel's giro
//     layout requirements ("Krav til oppsett av giroblankett for OCR"). SECONDARY.
//
// # UNVERIFIED and left out
//
//   - The century of the Finnish due date: ParseFIBarcode reads YY as 20YY and
//     Encode refuses dates outside 2000 to 2099 (the guide's example due
//     2099-12-24 is "991224").
//   - The check digit of a +75 payment id is taken to be Luhn, like +71's: the
//     printers say only "modulus 10". The +73 line layout rests on one source.
//   - EPC: identification codes other than "SCT", and ISO 8859 parts 2, 4, 5, 7 and
//     10 (character sets 3 to 7) for non-ASCII payloads, are not read. Only RF
//     references are accepted as structured remittance information. The IBAN's
//     per-country length and structure (the IBAN registry) and the SEPA scheme's
//     country list are not checked; nor is whether a non-EEA payee needs the BIC in
//     version 002.
//   - Not produced, because their layouts could not be verified: the Swedish OCR
//     bottom line of an inbetalningskort ("# reference # kronor öre check > account
//     #..#", Bankgirot's "Complete code line"), the Norwegian OCR giro code line
//     (KID, kroner, øre, the amount's MOD10 check digit between "<" and ">", and the
//     account), FIK card types +01, +04 and +15, and the Finnish bar code symbol
//     itself (Code 128 with its check digit); the 54 digits are what online banks
//     accept.
package payslip
