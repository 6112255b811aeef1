/**
 * `godkjenning` of EC 80261 (TESLA MOTORS Model X, TESTDIGDIR0000015): a trimmed copy of SVV's recorded test-environment response
 * (tools/schema-gen/spec/example_kjoretoysok_response_testmiljo.json, docs/contract.md#s6). Trimmed:
 * axle, tyre, seat and plate-size detail; every documented value (merke, handelsbetegnelse,
 * tekniskKode, rFarge, vekter, motorOgDrivverk, miljodata) is kept verbatim.
 */
import type { JsonObject } from '../kjoretoy-types.js';

export const GODKJENNING_EC80261: JsonObject = {
  forstegangsGodkjenning: {
    forstegangRegistrertDato: '2021-04-21',
    fortollingOgMva: {
      beskrivelse: 'Utfyllende beskrivelse',
      fortollingsreferanse: '3867399595848392',
      linje: 1,
    },
    godkjenningsId: '4999909',
    godkjenningsundertype: {
      kodeNavn: 'COC',
      kodeVerdi: 'COC',
      tidligereKodeVerdi: [],
    },
    unntak: [],
  },
  kjoretoymerknad: [
    {
      merknad: 'Egenvekt og nyttelast er veiledende - avhengig av utstyr.  Y',
      merknadtypeKode: 'TYPEGODKJENNINGSMERKNAD',
    },
  ],
  registreringsbegrensninger: {
    registreringsbegrensning: [],
  },
  tekniskGodkjenning: {
    godkjenningsId: '4999909',
    godkjenningsundertype: {
      kodeNavn: 'COC',
      kodeVerdi: 'COC',
      tidligereKodeVerdi: [],
    },
    gyldigFraDato: '2021-04-21',
    gyldigFraDatoTid: '2021-04-21T14:00:06+02:00',
    kjoretoyklassifisering: {
      beskrivelse: 'Personbil',
      efTypegodkjenning: {
        typegodkjenningNrTekst: 'e4*2007/46*0667*00',
        typegodkjenningnummer: {
          direktiv: '2007/46',
          land: 'e4',
          serie: '0667',
          utvidelse: '00',
        },
        variant: '60',
        versjon: 'B19',
      },
      kjoretoyAvgiftsKode: {
        kodeBeskrivelse: 'Personbil, unntatt ambulanse',
        kodeNavn: 'Personbil',
        kodeVerdi: '101',
        tidligereKodeVerdi: [],
      },
      nasjonalGodkjenning: {
        nasjonaltGodkjenningsAr: '2013',
        nasjonaltGodkjenningsHovednummer: '5786',
        nasjonaltGodkjenningsUndernummer: '008',
      },
      spesielleKjennetegn: '',
      tekniskKode: {
        kodeBeskrivelse: 'Bil for persontransport med høyst 8 sitteplasser i tillegg til førersetet (Personbil)',
        kodeNavn: 'Personbil',
        kodeVerdi: 'M1',
        tidligereKodeVerdi: [],
      },
      tekniskUnderkode: {
        kodeVerdi: 'INGENKODE',
        tidligereKodeVerdi: [],
      },
      iSamsvarMedTypegodkjenning: true,
    },
    krav: [],
    tekniskeData: {
      akslinger: {
        antallAksler: 2,
      },
      bremser: {
        abs: true,
        tilhengerBremseforbindelse: [],
      },
      dimensjoner: {
        bredde: 1964,
        hoyde: 1445,
        lengde: 4970,
      },
      generelt: {
        fabrikant: [
          {
            fabrikantNavn: 'TESLA MOTORS INC.',
          },
        ],
        handelsbetegnelse: ['Model X'],
        merke: [
          {
            merke: 'TESLA MOTORS',
            merkeKode: '0065',
          },
        ],
        tekniskKode: {
          kodeBeskrivelse: 'Bil for persontransport med høyst 8 sitteplasser i tillegg til førersetet (Personbil)',
          kodeNavn: 'Personbil',
          kodeVerdi: 'M1',
          tidligereKodeVerdi: [],
        },
        typebetegnelse: '002',
      },
      karosseriOgLasteplan: {
        antallDorer: [4],
        dorUtforming: [],
        karosseritype: {
          kodeBeskrivelse: 'Sedan (AA) med overhengslet dør bak på kjøretøyet',
          kodeNavn: 'Kombikupé (AB)',
          kodeTypeId: 'TEKNISKEDATA.KAROSSERITYPE',
          kodeVerdi: 'AB',
          tidligereKodeVerdi: [],
        },
        oppbygningUnderstellsnummer: '5YJS?????????????',
        rFarge: [
          {
            kodeBeskrivelse: 'herunder: Blåsvart, grafitt mørk, gråsort, koksgrå mørk, koksgrå mørk metallic',
            kodeNavn: 'Svart',
            kodeTypeId: 'TEKNISKEDATA.KAROSSERIFARGE',
            kodeVerdi: '06',
            tidligereKodeVerdi: [],
          },
        ],
      },
      miljodata: {
        miljoOgdrivstoffGruppe: [
          {
            drivstoffKodeMiljodata: {
              kodeBeskrivelse: 'Elektrisk',
              kodeNavn: 'Elektrisk',
              kodeTypeId: 'TEKNISKEDATA.DRIVSTOFFTYPE',
              kodeVerdi: '5',
              tidligereKodeVerdi: [],
            },
            forbrukOgUtslipp: [
              {
                malemetode: {
                  kodeBeskrivelse: 'WLTP',
                  kodeNavn: 'MALEMETODETYPE_WLTP',
                  kodeTypeId: 'MALEMETODETYPE',
                  kodeVerdi: 'WLTP',
                  tidligereKodeVerdi: [],
                },
                wltpKjoretoyspesifikk: {
                  rekkeviddeKmBlandetkjoring: 417,
                },
              },
            ],
          },
        ],
      },
      motorOgDrivverk: {
        antallGir: 1,
        girkassetype: {
          kodeBeskrivelse: 'Automat',
          kodeNavn: 'Automat',
          kodeTypeId: 'TEKNISKEDATA.GIRKASSETYPE',
          kodeVerdi: 'A',
          tidligereKodeVerdi: [],
        },
        girutvekslingPrGir: [],
        hybridElektriskKjoretoy: false,
        hybridKategori: {
          kodeBeskrivelse: 'Ingen eller ikke relevant',
          kodeNavn: 'Ingen',
          kodeTypeId: 'TEKNISKEDATA.HYBRIDKATEGORI',
          kodeVerdi: 'INGEN',
          tidligereKodeVerdi: [],
        },
        maksimumHastighet: [193],
        maksimumHastighetMalt: [],
        motor: [
          {
            avgassResirkulering: false,
            drivstoff: [
              {
                drivstoffKode: {
                  kodeBeskrivelse: 'Elektrisk',
                  kodeNavn: 'Elektrisk',
                  kodeTypeId: 'TEKNISKEDATA.DRIVSTOFFTYPE',
                  kodeVerdi: '5',
                  tidligereKodeVerdi: [],
                },
                maksEffektPrTime: 52.0,
              },
            ],
            fordampningsutslippKontrollSystem: false,
            katalysator: false,
            ladeluftkjoler: false,
            luftInnsproytning: false,
            motorKode: 'L1S',
            oksygenSensor: false,
            overladet: false,
            partikkelfilterMotor: false,
          },
        ],
        obd: false,
      },
      ovrigeTekniskeData: [],
      persontall: {
        sitteplasserForan: 2,
        sitteplasserTotalt: 5,
      },
      tilhengerkopling: {
        kopling: [],
      },
      vekter: {
        egenvekt: 1999,
        egenvektMaksimum: 2081,
        egenvektMinimum: 1999,
        nyttelast: 516,
        tillattTilhengervektMedBrems: 0,
        tillattTilhengervektUtenBrems: 0,
        tillattTotalvekt: 2590,
        tillattVertikalKoplingslast: 0,
        tillattVogntogvekt: 0,
        vogntogvektAvhBremsesystem: [],
      },
    },
    unntak: [],
  },
  tilleggsgodkjenninger: [],
};
