import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { IsString } from 'class-validator';
import { AppError } from './app-error';
import { createValidationPipe } from './validation.pipe';

class NameDto {
  @IsString() name!: string;
}

const body = { type: 'body' as const, metatype: NameDto };
const pipe = createValidationPipe();

async function failure(value: unknown, metadata: Parameters<typeof pipe.transform>[1] = body): Promise<AppError> {
  try {
    await pipe.transform(value, metadata);
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(value)}`);
}

describe('the validation pipe on a JSON body', () => {
  it('turns a JSON object into the DTO', async () => {
    const dto = await pipe.transform({ name: 'Zoé' }, body);
    assert.ok(dto instanceof NameDto);
    assert.equal((dto as NameDto).name, 'Zoé');
  });

  it('answers 422 for JSON that is not an object: a string, null, an array, a number', async () => {
    for (const value of ['x', null, [], [{ name: 'Zoé' }], 42, true]) {
      const e = await failure(value);
      assert.equal(e.status, 422, JSON.stringify(value));
      assert.deepEqual(e.errors, [{ field: '', message: 'the body must be a JSON object' }]);
    }
  });

  it('answers 415 for a body that came in another media type (kept as bytes)', async () => {
    const e = await failure(Buffer.from('name=Zo%C3%A9'));
    assert.equal(e.status, 415);
    assert.equal(e.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('reads no body as an empty object, so the DTO names its required field', async () => {
    const e = await failure(undefined);
    assert.equal(e.status, 422);
    assert.deepEqual(e.errors.map((x) => x.field), ['name']);
  });

  it('reads an empty body of any media type (Content-Length: 0) as no body, not as 415', async () => {
    const e = await failure(Buffer.alloc(0));
    assert.equal(e.status, 422);
    assert.deepEqual(e.errors.map((x) => x.field), ['name']);
  });

  it('leaves query strings and bodies bound to no DTO alone', async () => {
    assert.equal(await pipe.transform('x', { type: 'body', metatype: String }), 'x');
    assert.deepEqual(await pipe.transform(['a'], { type: 'body', metatype: undefined }), ['a']);
  });
});
