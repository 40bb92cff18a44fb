package court

// District is one of the 24 Danish district courts (byretter), where payment claims and
// enforcement requests are filed. The zero value is invalid. Which court a debtor
// belongs to (by address or postal code) is the host's data: the SDK takes the district
// as input. Source: retsplejeloven § 9 (lov nr. 538 af 08.06.2006, in force 2007-01-01;
// themis.dk "Retskredsreformen 2007"), domstol.dk "Danmarks Domstole består af 24
// byretter".
type District uint8

// The district courts, in the order of retsplejeloven § 9.
const (
	Koebenhavn       District = iota + 1 // Københavns Byret
	Glostrup                             // Retten i Glostrup
	Frederiksberg                        // Retten på Frederiksberg
	Aarhus                               // Retten i Aarhus
	Odense                               // Retten i Odense
	Aalborg                              // Retten i Aalborg
	Roskilde                             // Retten i Roskilde
	Kolding                              // Retten i Kolding
	Soenderborg                          // Retten i Sønderborg
	Randers                              // Retten i Randers
	Naestved                             // Retten i Næstved
	Hilleroed                            // Retten i Hillerød
	Lyngby                               // Retten i Lyngby
	Hjoerring                            // Retten i Hjørring
	Esbjerg                              // Retten i Esbjerg
	NykoebingFalster                     // Retten i Nykøbing Falster
	Helsingoer                           // Retten i Helsingør
	Viborg                               // Retten i Viborg
	Holstebro                            // Retten i Holstebro
	Herning                              // Retten i Herning
	Horsens                              // Retten i Horsens
	Svendborg                            // Retten i Svendborg
	Holbaek                              // Retten i Holbæk
	Bornholm                             // Retten på Bornholm
)

var districtNames = []string{"",
	"Københavns Byret", "Retten i Glostrup", "Retten på Frederiksberg", "Retten i Aarhus",
	"Retten i Odense", "Retten i Aalborg", "Retten i Roskilde", "Retten i Kolding",
	"Retten i Sønderborg", "Retten i Randers", "Retten i Næstved", "Retten i Hillerød",
	"Retten i Lyngby", "Retten i Hjørring", "Retten i Esbjerg", "Retten i Nykøbing Falster",
	"Retten i Helsingør", "Retten i Viborg", "Retten i Holstebro", "Retten i Herning",
	"Retten i Horsens", "Retten i Svendborg", "Retten i Holbæk", "Retten på Bornholm",
}

// Districts returns the 24 district courts in the order of retsplejeloven § 9.
func Districts() []District {
	out := make([]District, 0, len(districtNames)-1)
	for i := 1; i < len(districtNames); i++ {
		out = append(out, District(i))
	}
	return out
}

// String returns the court's official name, such as "Retten i Glostrup".
func (d District) String() string { return enumString(d, districtNames, "District") }

// IsValid reports whether d is one of the 24 district courts.
func (d District) IsValid() bool { return enumValid(d, districtNames) }

// MarshalText writes the official name.
func (d District) MarshalText() ([]byte, error) { return enumMarshal(d, districtNames, "District") }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts what ParseDistrict accepts.
func (d *District) UnmarshalText(b []byte) error {
	v, err := ParseDistrict(string(b))
	if err == nil {
		*d = v
	}
	return err
}

// ParseDistrict reads a court's official name, such as "Retten i Glostrup" (any case).
func ParseDistrict(s string) (District, error) {
	return enumParse[District](s, districtNames, "District")
}
