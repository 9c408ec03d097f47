// The national numbers the emergency strip shows above every shelter search, in one place with where each was
// checked. Municipal social services' numbers are not here: they come from the registry (finder.service.ts,
// findSocialServiceFor), so the staff who keep the registry keep them too.
//
// Sources (checked 2026-12-07):
// - 112: the single European emergency number, free from any phone (Directive (EU) 2018/1972, art. 109); in Latvia
//   it reaches the State Fire and Rescue Service, the ambulance and the police (vugd.gov.lv).
// - 116 123: the EU-harmonised emotional-support number (Commission Decision 2007/116/EC). In Latvia the
//   association "Skalbes" answers it day and night, free, in Latvian, Russian and English, funded by the National
//   Health Service (zz.lv 2021-08 "Jauns bezmaksas krīžu tālrunis 116 123"; jauns.lv 2026-01-13 on its 2025 calls).
//   Check again when the strip is reviewed: a change of operator would not change the number.

export type EmergencyLine = {
  /** As written for reading; the tel: link dials its digits. */
  number: string;
  /** Message key of what the line is for. */
  labelKey: string;
  /** Who answers, as the line is known (not translated). */
  operator: string | null;
  alwaysOpen: boolean;
};

/** The numbers shown to everyone, in the order to call them. */
export const nationalEmergencyLines: readonly EmergencyLine[] = [
  { number: '112', labelKey: 'finder.emergency.line_112', operator: null, alwaysOpen: true },
  { number: '116 123', labelKey: 'finder.emergency.line_crisis', operator: 'Skalbes', alwaysOpen: true },
];
