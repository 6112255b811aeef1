/**
 * `godkjenning` of CU 10942 (MITSUBISHI Outlander, TESTDIGDIR0000016): a trimmed copy of SVV's recorded test-environment response
 * (tools/schema-gen/spec/example_kjoretoysok_response_testmiljo.json, docs/contract.md#s6). Trimmed:
 * axle, tyre, seat and plate-size detail; every documented value (merke, handelsbetegnelse,
 * tekniskKode, rFarge, vekter, motorOgDrivverk, miljodata) is kept verbatim.
 */
import type { JsonObject } from '../kjoretoy-types.js';

export const GODKJENNING_CU10942: JsonObject = {
  forstegangsGodkjenning: {
    forstegangRegistrertDato: '2021-04-21',
    fortollingOgMva: {
      beskrivelse: 'Utfyllende beskrivelse',
      fortollingsreferanse: '3388626368722482',
      linje: 1,
    },
    godkjenningsId: '4999926',
    godkjenningsundertype: {
      kodeNavn: 'COC',
      kodeVerdi: 'COC',
      tidligereKodeVerdi: [],
    },
    unntak: [],
  },
  kjoretoymerknad: [
    {
      merknad: 'Egenvekt og nyttelast er veiledende - avhengig av utstyr X',
      merknadtypeKode: 'TYPEGODKJENNINGSMERKNAD',
    },
  ],
  registreringsbegrensninger: {
    registreringsbegrensning: [],
  },
  tekniskGodkjenning: {
    godkjenningsId: '4999926',
    godkjenningsundertype: {
      kodeNavn: 'COC',
      kodeVerdi: 'COC',
      tidligereKodeVerdi: [],
    },
    gyldigFraDato: '2021-04-21',
    gyldigFraDatoTid: '2021-04-21T14:02:32+02:00',
    kjoretoyklassifisering: {
      beskrivelse: 'Personbil',
      efTypegodkjenning: {
        typegodkjenningNrTekst: 'e1*2001/116*0406*27',
        typegodkjenningnummer: {
          direktiv: '2001/116',
          land: 'e1',
          serie: '0406',
          utvidelse: '27',
        },
        variant: 'GGP21',
        versjon: 'ATABRRA5AAAA',
      },
      kjoretoyAvgiftsKode: {
        kodeBeskrivelse: 'Personbil, unntatt ambulanse',
        kodeNavn: 'Personbil',
        kodeVerdi: '101',
        tidligereKodeVerdi: [],
      },
      nasjonalGodkjenning: {
        nasjonaltGodkjenningsAr: '2016',
        nasjonaltGodkjenningsHovednummer: '6221',
        nasjonaltGodkjenningsUndernummer: '043',
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
        bredde: 1800,
        hoyde: 1703,
        lengde: 4695,
      },
      generelt: {
        fabrikant: [
          {
            fabrikantNavn: 'MITSUBISHI MOTORS CORPORATION',
          },
        ],
        handelsbetegnelse: ['Mitsubishi Outlander'],
        merke: [
          {
            merke: 'MITSUBISHI',
            merkeKode: '4011',
          },
        ],
        tekniskKode: {
          kodeBeskrivelse: 'Bil for persontransport med høyst 8 sitteplasser i tillegg til førersetet (Personbil)',
          kodeNavn: 'Personbil',
          kodeVerdi: 'M1',
          tidligereKodeVerdi: [],
        },
        typebetegnelse: 'CW0',
      },
      karosseriOgLasteplan: {
        antallDorer: [4],
        dorUtforming: [],
        karosseritype: {
          kodeBeskrivelse: 'Stasjonsvogn ISO-standard 3833:1977, def. nr. 3.1.1.4',
          kodeNavn: 'Stasjonsvogn (AC)',
          kodeTypeId: 'TEKNISKEDATA.KAROSSERITYPE',
          kodeVerdi: 'AC',
          tidligereKodeVerdi: [],
        },
        oppbygningUnderstellsnummer: '?????????????????',
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
        euroKlasse: {
          kodeBeskrivelse: 'Euro 6L - EF 715/2007*EF 459/2012 (med bokstavene N til ZC)',
          kodeNavn: 'Euro 6L - EF 715/2007*EF 459/2012 (med bokstavene N til ZC)',
          kodeTypeId: 'TEKNISKEDATA.AVGASSKODE',
          kodeVerdi: '6L',
          tidligereKodeVerdi: [],
        },
        miljoOgdrivstoffGruppe: [
          {
            drivstoffKodeMiljodata: {
              kodeBeskrivelse: 'Bensin',
              kodeNavn: 'Bensin',
              kodeTypeId: 'TEKNISKEDATA.DRIVSTOFFTYPE',
              kodeVerdi: '1',
              tidligereKodeVerdi: [],
            },
            forbrukOgUtslipp: [
              {
                malemetode: {
                  kodeBeskrivelse: 'NEDC (Lette kjøretøy)',
                  kodeNavn: 'MALEMETODETYPE_NEDC',
                  kodeTypeId: 'MALEMETODETYPE',
                  kodeVerdi: 'NEDC',
                  tidligereKodeVerdi: [],
                },
                utslippCOmgPrKm: 240.6,
                utslippNMHCmgPrKm: 11.8,
                utslippNOxMgPrKm: 3.3,
                utslippTHCmgPrKm: 13.4,
                vektetKombinertDrivstoff: 1.7,
                vektetKombinertDrivstoffCO2: 41,
              },
            ],
          },
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
                  rekkeviddeKmBlandetkjoring: 54,
                },
              },
            ],
          },
        ],
      },
      motorOgDrivverk: {
        girkassetype: {
          kodeBeskrivelse: 'Automat',
          kodeNavn: 'Automat',
          kodeTypeId: 'TEKNISKEDATA.GIRKASSETYPE',
          kodeVerdi: 'A',
          tidligereKodeVerdi: [],
        },
        girutvekslingPrGir: [],
        hybridElektriskKjoretoy: true,
        hybridKategori: {
          kodeBeskrivelse: 'Ladbar hybrid',
          kodeNavn: 'Ladbar hybrid',
          kodeTypeId: 'TEKNISKEDATA.HYBRIDKATEGORI',
          kodeVerdi: 'LADBAR',
          tidligereKodeVerdi: [],
        },
        maksimumHastighet: [170],
        maksimumHastighetMalt: [],
        motor: [
          {
            antallSylindre: 4,
            arbeidsprinsipp: {
              kodeBeskrivelse: 'Otto',
              kodeNavn: 'Otto',
              kodeTypeId: 'TEKNISKEDATA.ARBEIDSPRINSIPP',
              kodeVerdi: 'OTTO',
              tidligereKodeVerdi: [],
            },
            avgassResirkulering: true,
            drivstoff: [
              {
                drivstoffKode: {
                  kodeBeskrivelse: 'Bensin',
                  kodeNavn: 'Bensin',
                  kodeTypeId: 'TEKNISKEDATA.DRIVSTOFFTYPE',
                  kodeVerdi: '1',
                  tidligereKodeVerdi: [],
                },
                maksNettoEffekt: 89.0,
                maksNettoEffektVedOmdreiningstallMin1: 4500,
                tomgangsOmdreiningstall: 1100,
              },
            ],
            fordampningsutslippKontrollSystem: true,
            katalysator: true,
            ladeluftkjoler: false,
            luftInnsproytning: false,
            motorKode: '4B11',
            oksygenSensor: true,
            overladet: false,
            partikkelfilterMotor: false,
            slagvolum: 1998,
            sylinderArrangement: {
              kodeBeskrivelse: 'Rekke',
              kodeNavn: 'Rekke',
              kodeTypeId: 'TEKNISKEDATA.SYLINDERARRANGEMENT',
              kodeVerdi: 'REKKE',
              tidligereKodeVerdi: [],
            },
          },
          {
            arbeidsprinsipp: {
              kodeBeskrivelse: 'Elektrisk',
              kodeNavn: 'Elektrisk',
              kodeTypeId: 'TEKNISKEDATA.ARBEIDSPRINSIPP',
              kodeVerdi: 'ELEKTRISK',
              tidligereKodeVerdi: [],
            },
            drivstoff: [
              {
                drivstoffKode: {
                  kodeBeskrivelse: 'Elektrisk',
                  kodeNavn: 'Elektrisk',
                  kodeTypeId: 'TEKNISKEDATA.DRIVSTOFFTYPE',
                  kodeVerdi: '5',
                  tidligereKodeVerdi: [],
                },
                maksEffektPrTime: 25.0,
                maksNettoEffekt: 60.0,
                spenning: 300.0,
              },
            ],
            motorKode: 'S61',
          },
          {
            arbeidsprinsipp: {
              kodeBeskrivelse: 'Elektrisk',
              kodeNavn: 'Elektrisk',
              kodeTypeId: 'TEKNISKEDATA.ARBEIDSPRINSIPP',
              kodeVerdi: 'ELEKTRISK',
              tidligereKodeVerdi: [],
            },
            drivstoff: [
              {
                drivstoffKode: {
                  kodeBeskrivelse: 'Elektrisk',
                  kodeNavn: 'Elektrisk',
                  kodeTypeId: 'TEKNISKEDATA.DRIVSTOFFTYPE',
                  kodeVerdi: '5',
                  tidligereKodeVerdi: [],
                },
                maksEffektPrTime: 25.0,
                maksNettoEffekt: 60.0,
                spenning: 300.0,
              },
            ],
            motorKode: 'Y61',
          },
        ],
        obd: true,
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
        egenvekt: 1860,
        egenvektMinimum: 1860,
        nyttelast: 435,
        tekniskTillattForhoyetTotalvekt: 2450,
        tillattTilhengervektMedBrems: 1500,
        tillattTilhengervektUtenBrems: 750,
        tillattTotalvekt: 2370,
        tillattVertikalKoplingslast: 75,
        tillattVogntogvekt: 3950,
        vogntogvektAvhBremsesystem: [],
      },
    },
    unntak: [],
  },
  tilleggsgodkjenninger: [],
};
