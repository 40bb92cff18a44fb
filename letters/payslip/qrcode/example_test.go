package qrcode_test

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/letters/payslip/qrcode"
	"github.com/dunning-go/dunning/money"
)

// An EPC QR code for a reminder, as a 300-pixel PNG.
func ExamplePNG() {
	payload, err := payslip.EPC{
		Name:   "Erika Mustermann",
		IBAN:   "DE89 3704 0044 0532 0130 00",
		Amount: money.MustNew("42.00", money.EUR),
		Text:   "Reminder 2025-0042",
	}.Encode()
	if err != nil {
		panic(err)
	}
	img, err := qrcode.PNG(payload, 300)
	if err != nil {
		panic(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	fmt.Println(cfg.Width, cfg.Height, err)
	// Output:
	// 300 300 <nil>
}
