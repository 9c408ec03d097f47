// Test data for the HSDS import, export and API: a small registry in the Reentry Atlas profile, written as HSDS
// full organizations, with every mission field set somewhere.
import { helpTypeTermId } from './help-types.js';
import { profileTermId } from './hsds-profile.js';

// The official examples, copied into the repository (hsds-examples/README.md) so a clean clone's tests find them.
export const hsdsExamplesDirectory = new URL('./hsds-examples/', import.meta.url).pathname;

export const fixtureIds = {
  organization: '11111111-0000-4000-8000-000000000001',
  otherOrganization: '11111111-0000-4000-8000-000000000002',
  shelter: '22222222-0000-4000-8000-000000000001',
  legalAdvice: '22222222-0000-4000-8000-000000000002',
  location: '33333333-0000-4000-8000-000000000001',
  serviceAtLocation: '44444444-0000-4000-8000-000000000001',
  phone: '55555555-0000-4000-8000-000000000001',
  schedule: '66666666-0000-4000-8000-000000000001',
  serviceArea: '77777777-0000-4000-8000-000000000001',
  address: '88888888-0000-4000-8000-000000000001',
};

let attributeCounter = 0;
const attribute = (code: Parameters<typeof profileTermId>[0], value: string) => ({
  id: `99999999-0000-4000-8000-${String(++attributeCounter).padStart(12, '0')}`,
  taxonomy_term_id: profileTermId(code),
  value,
});
const helpType = (id: string, code: Parameters<typeof helpTypeTermId>[0]) => ({
  id,
  taxonomy_term_id: helpTypeTermId(code),
  link_entity: 'service',
});

/** Two organizations in the profile: a municipal social service with a shelter (residency rule, beds) and an NGO. */
export function profileFixture(): Array<Record<string, unknown>> {
  attributeCounter = 0;
  return [
    {
      id: fixtureIds.organization,
      name: 'Rēzeknes novada sociālais dienests',
      description: 'Sociālā palīdzība Rēzeknes novada iedzīvotājiem.',
      email: 'dienests@example.lv',
      attributes: [
        attribute('institution_type', 'municipal_social_service'),
        attribute('last_verified_on', '2026-10-01'),
        attribute('is_demo', 'true'),
      ],
      phones: [{ id: fixtureIds.phone, number: '+371 64600000', type: 'voice' }],
      locations: [
        {
          id: fixtureIds.location,
          location_type: 'physical',
          name: 'Dienesta birojs',
          latitude: 56.5,
          longitude: 27.33,
          addresses: [
            {
              id: fixtureIds.address,
              address_1: 'Atbrīvošanas aleja 95A',
              city: 'Rēzekne',
              state_province: 'Latgale',
              postal_code: 'LV-4601',
              country: 'LV',
              address_type: 'physical',
            },
          ],
          attributes: [attribute('atvk_territory', '0043400')],
        },
      ],
      services: [
        {
          id: fixtureIds.shelter,
          name: 'Naktspatversme vīriešiem',
          description: 'Gulta naktij un siltas pusdienas.',
          status: 'active',
          minimum_age: 18,
          eligibility_description: 'Tikai vīriešiem, kuru pēdējā deklarētā dzīvesvieta bija Rēzeknes novadā.',
          last_modified: '2026-10-01T08:00:00.000Z',
          schedules: [
            {
              id: fixtureIds.schedule,
              freq: 'WEEKLY',
              byday: 'MO,TU,WE,TH,FR,SA,SU',
              opens_at: '19:00',
              closes_at: '08:00',
            },
          ],
          service_areas: [
            { id: fixtureIds.serviceArea, name: 'Rēzeknes novads', extent: '0043000', extent_type: 'atvk' },
          ],
          service_at_locations: [{ id: fixtureIds.serviceAtLocation, location_id: fixtureIds.location }],
          attributes: [
            helpType('99999999-0000-4000-8000-100000000001', 'shelter'),
            attribute('residency_rule', 'last_declared_residence'),
            attribute('residency_territory', '0043000'),
            attribute('residency_territory', '0006000'),
            attribute('eligible_sex', 'male'),
            attribute('capacity_beds', '24'),
            attribute('last_verified_on', '2026-10-02'),
          ],
        },
      ],
    },
    {
      id: fixtureIds.otherOrganization,
      name: 'Juridiskās palīdzības biedrība',
      description: 'Bezmaksas juridiskas konsultācijas visā Latvijā.',
      attributes: [attribute('institution_type', 'ngo')],
      services: [
        {
          id: fixtureIds.legalAdvice,
          name: 'Juridiskā konsultācija',
          status: 'active',
          attributes: [helpType('99999999-0000-4000-8000-100000000002', 'legal'), attribute('is_statewide', 'true')],
        },
      ],
    },
  ];
}
