// TEMPORARY placeholder until the generated schemas land; same export names.
import { z } from 'zod';
export const ResponskodeSchema = z.looseObject({ kode: z.string().optional(), beskrivelse: z.string().optional() });
export const KjoretoySchema = z.looseObject({});
export const KjoretoyResponseSchema = z.looseObject({
  kjoretoy: KjoretoySchema.optional(),
  responskoder: z.array(ResponskodeSchema).optional(),
  eksternReferanseId: z.string().optional(),
});
export const KjoretoysokResponseSchema = z.looseObject({
  antallITreffliste: z.number().optional(),
  antallTreffTotalt: z.number().optional(),
  kjoretoyresponser: z.array(KjoretoyResponseSchema).optional(),
  responskoder: z.array(ResponskodeSchema).optional(),
});
export const KundeSokResponseSchema = z.looseObject({});
export type Responskode = z.infer<typeof ResponskodeSchema>;
export type Kjoretoy = z.infer<typeof KjoretoySchema>;
export type KjoretoyResponse = z.infer<typeof KjoretoyResponseSchema>;
export type KjoretoysokResponse = z.infer<typeof KjoretoysokResponseSchema>;
export type KundeSokResponse = z.infer<typeof KundeSokResponseSchema>;
