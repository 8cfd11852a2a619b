// Error envelopes (docs/ksef-protocol.md §8.2; openapi.json ExceptionResponse / *ProblemDetails).
import { randomUUID } from 'node:crypto';

export class KsefHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: (problem: boolean, instance: string, nowIso: string) => { json: unknown; problem: boolean },
    message: string,
  ) {
    super(message);
  }
}

/** 400 with a legacy ExceptionResponse, or BadRequestProblemDetails when `X-Error-Format: problem-details`. */
export function badRequest(code: number, description: string, details: string[] = []): KsefHttpError {
  return new KsefHttpError(
    400,
    (problem, instance, nowIso) =>
      problem
        ? {
            problem: true,
            json: {
              title: 'Bad Request',
              status: 400,
              instance,
              detail: description,
              errors: [{ code, description, details }],
              timestamp: nowIso,
              traceId: randomUUID(),
            },
          }
        : {
            problem: false,
            json: {
              exception: {
                exceptionDetailList: [{ exceptionCode: code, exceptionDescription: description, details }],
                serviceCode: `00-${randomUUID().replaceAll('-', '')}-00`,
                serviceCtx: 'srvTEMFA',
                serviceName: 'Symulator KSeF',
                timestamp: nowIso,
              },
            },
          },
    `${code} ${description}`,
  );
}

export function validationError(messages: string[]): KsefHttpError {
  return badRequest(21405, 'Błąd walidacji danych wejściowych.', [...new Set(messages)]);
}

/** 401 is always Problem Details (§2 General). */
export function unauthorized(detail: string): KsefHttpError {
  return new KsefHttpError(
    401,
    (_p, instance, nowIso) => ({
      problem: true,
      json: { title: 'Unauthorized', status: 401, detail, instance, traceId: randomUUID(), timestamp: nowIso },
    }),
    detail,
  );
}

/** 403 is always Problem Details with a reasonCode (§8.2). */
export function forbidden(
  reasonCode: string,
  detail: string,
  security?: { requiredAnyOfPermissions: string[]; presentPermissions: string[] },
): KsefHttpError {
  return new KsefHttpError(
    403,
    (_p, instance, nowIso) => ({
      problem: true,
      json: {
        title: 'Forbidden',
        status: 403,
        detail,
        instance,
        reasonCode,
        ...(security ? { security } : {}),
        traceId: randomUUID(),
        timestamp: nowIso,
      },
    }),
    detail,
  );
}

/** 429 (§8.1): legacy `{status:{code,description,details}}` or TooManyRequestsProblemDetails. */
export function tooManyRequests(retryAfterS: number, limitText: string): KsefHttpError {
  const details = [`Przekroczono limit ${limitText}. Spróbuj ponownie po ${retryAfterS} sekundach.`];
  return new KsefHttpError(
    429,
    (problem, instance, nowIso) =>
      problem
        ? {
            problem: true,
            json: {
              title: 'Too Many Requests',
              status: 429,
              instance,
              detail: details[0],
              timestamp: nowIso,
              traceId: randomUUID(),
            },
          }
        : { problem: false, json: { status: { code: 429, description: 'Too Many Requests', details } } },
    details[0]!,
  );
}
