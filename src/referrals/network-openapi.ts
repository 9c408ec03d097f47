import { z } from 'zod';
import { helpTypeCodes } from '../registry/help-types.js';
import { finderResponseSchema } from '../finder/finder.schema.js';
import {
  breakGlassBodySchema,
  commandBodySchema,
  consentBodySchema,
  onwardBodySchema,
  personBodySchema,
  referralBodySchema,
} from './network-api.schema.js';
import { unmetNeedBodySchema } from '../planning/planning.schema.js';
import { referralStates } from './referral-machine.js';
import { capacityBodySchema, capacityResponseSchema } from '../beds/beds.schema.js';

// The OpenAPI 3.1 document of every /api/v1 route. Request bodies come from the same zod schemas the routes
// validate with (z.toJSONSchema), so the document cannot drift from what the API accepts.

const bodyOf = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } },
});

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const langParameter = {
  name: 'lang',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['lv', 'ru', 'en'] },
};
const secured = [{ bearer: [] }];
const created = {
  description: 'Created',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] },
    },
  },
};
const stateAndVersion = {
  type: 'object',
  properties: { state: { type: 'string', enum: [...referralStates] }, version: { type: 'integer' } },
  required: ['state', 'version'],
};
const commonErrors = {
  '400': errorResponse('Bad input'),
  '401': errorResponse('No valid token'),
  '403': errorResponse('Role or scope does not allow it'),
};

/** The OpenAPI document, built once per process (it depends on code only). */
export const networkOpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Reentry Atlas API',
    version: '1',
    description:
      'The finder (public) and the referral network (bearer token: `npx atlas tokens create --email <e>`). Errors are ' +
      '`{error: {code, message}}` in the language asked with `lang` (lv, ru, en).',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' } },
            required: ['code', 'message'],
          },
        },
        required: ['error'],
      },
    },
  },
  paths: {
    '/api/v1/finder/services': {
      get: {
        summary: 'Services that can help, eligibility first, nearest first (public)',
        parameters: [
          {
            name: 'needs',
            in: 'query',
            schema: { type: 'string', description: `comma-separated: ${helpTypeCodes.join(', ')}` },
          },
          { name: 'territory', in: 'query', schema: { type: 'string', pattern: '^\\d{7}$' } },
          { name: 'residence', in: 'query', schema: { type: 'string', pattern: '^\\d{7}$' } },
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'sex', in: 'query', schema: { type: 'string', enum: ['any', 'female', 'male'] } },
          { name: 'age', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 120 } },
          {
            name: 'free_bed',
            in: 'query',
            schema: { type: 'boolean', description: 'only places with a free bed now' },
          },
          langParameter,
        ],
        responses: {
          '200': {
            description:
              'Eligible and not-eligible services with reasons. Listing texts (name, description, organization name, ' +
              'eligibility note, documents, hours notes) are in `lang` where the registry has them, else in Latvian; ' +
              "each result's `text_language` says which language each text is actually in (null: no such text).",
            content: {
              'application/json': {
                schema: z.toJSONSchema(finderResponseSchema, { io: 'output', unrepresentable: 'any' }),
              },
            },
          },
          '400': errorResponse('A bad parameter, named'),
        },
      },
    },
    '/api/v1/reason-codes': {
      get: {
        summary: 'Reason codes with labels',
        parameters: [langParameter],
        responses: { '200': { description: 'The codes' } },
      },
    },
    '/api/v1/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    '/api/v1/people': {
      post: {
        summary: 'Record a person (referrer)',
        security: secured,
        requestBody: bodyOf(personBodySchema),
        responses: { '201': created, ...commonErrors },
      },
    },
    '/api/v1/people/{id}/consents': {
      post: {
        summary: "Record a person's consent (referrer of the person's team)",
        security: secured,
        parameters: [idParameter],
        requestBody: bodyOf(consentBodySchema),
        responses: { '201': created, ...commonErrors, '404': errorResponse('No such person') },
      },
    },
    '/api/v1/consents/{id}/withdraw': {
      post: {
        summary: 'Withdraw a consent',
        security: secured,
        parameters: [idParameter],
        responses: { '200': { description: 'Withdrawn' }, ...commonErrors },
      },
    },
    '/api/v1/referrals': {
      post: {
        summary: 'Create a draft referral (referrer)',
        security: secured,
        requestBody: bodyOf(referralBodySchema),
        responses: {
          '201': { description: 'The draft', content: { 'application/json': { schema: stateAndVersion } } },
          ...commonErrors,
        },
      },
      get: {
        summary: "The caller's inbox (institution) or the team's referrals (referrer)",
        security: secured,
        parameters: [
          {
            name: 'state',
            in: 'query',
            schema: { type: 'string', description: `comma-separated: ${referralStates.join(', ')}` },
          },
        ],
        responses: { '200': { description: 'Referrals, due first' }, ...commonErrors },
      },
    },
    '/api/v1/referrals/{id}': {
      get: {
        summary: 'A referral with its events; the person only for readers allowed to see them (audited)',
        security: secured,
        parameters: [idParameter],
        responses: {
          '200': { description: 'The referral' },
          ...commonErrors,
          '404': errorResponse('No such referral'),
        },
      },
    },
    '/api/v1/referrals/{id}/break-glass': {
      post: {
        summary: 'An administrator reads one referral for 30 minutes, with a stated reason (sealed and audited)',
        security: secured,
        parameters: [idParameter],
        requestBody: bodyOf(breakGlassBodySchema),
        responses: {
          '201': { description: 'Granted until expires_at' },
          ...commonErrors,
          '404': errorResponse('No such referral'),
        },
      },
    },
    '/api/v1/referrals/{id}/onward': {
      post: {
        summary:
          'Send a declined or expired referral on to another service: a new draft for the same person and needs (referrer of the team); consent for the new recipient is checked at send',
        security: secured,
        parameters: [idParameter],
        requestBody: bodyOf(onwardBodySchema),
        responses: {
          '201': { description: 'The new draft', content: { 'application/json': { schema: stateAndVersion } } },
          ...commonErrors,
          '404': errorResponse('No such referral'),
          '409': errorResponse('Only a declined or expired referral can be sent on'),
        },
      },
    },
    '/api/v1/referrals/{id}/commands': {
      post: {
        summary:
          'Move a referral: send, request_info, answer_info, accept, waitlist, decline, start, complete, end_early, withdraw',
        security: secured,
        parameters: [
          idParameter,
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
        ],
        requestBody: bodyOf(commandBodySchema),
        responses: {
          '200': {
            description: 'The new state and version',
            content: { 'application/json': { schema: stateAndVersion } },
          },
          ...commonErrors,
          '409': errorResponse('The state does not allow the command, the version is stale, or no consent is in force'),
        },
      },
    },
    // planning/: the referral form's "no suitable service found" (referrers only); a need and a place, no person.
    '/api/v1/unmet-need': {
      post: {
        summary: 'Record that no suitable service was found for a help type in a territory (referrers)',
        security: secured,
        requestBody: bodyOf(unmetNeedBodySchema),
        responses: { '201': created, ...commonErrors },
      },
    },
    // beds/: a place's "free now: N of M" (its own staff: provider_intake, provider_worker, institution_editor)
    '/api/v1/services/{id}/capacity': {
      put: {
        summary: 'Set the free and total beds of a service now (staff of its institution, administrators)',
        security: secured,
        parameters: [idParameter],
        requestBody: bodyOf(capacityBodySchema),
        responses: {
          '200': {
            description: 'The stored figure and its time',
            content: { 'application/json': { schema: z.toJSONSchema(capacityResponseSchema) } },
          },
          ...commonErrors,
          '404': errorResponse('No such service'),
        },
      },
    },
  },
};
