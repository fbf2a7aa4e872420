import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { IsOptional, IsString } from 'class-validator';
import { AppError } from '@carnet/http';
import { readJson } from './json-body';

class NameDto {
  @IsOptional() @IsString() name?: string;
}

const request = (text: string, contentType?: string) => ({ body: Buffer.from(text), headers: contentType ? { 'content-type': contentType } : {} });

async function status(text: string, contentType?: string): Promise<number> {
  try {
    await readJson(request(text, contentType), NameDto);
    return 200;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e.status;
  }
}

describe("the gateway's JSON reader", () => {
  it('reads a JSON object, in application/json or a +json type', async () => {
    assert.equal((await readJson(request('{"name":"Zoé"}', 'application/json; charset=utf-8'), NameDto)).name, 'Zoé');
    assert.equal(await status('{"name":"Zoé"}', 'application/merge-patch+json'), 200);
    assert.equal(await status('', undefined), 200, 'no body is an empty object');
  });

  it('answers 415 for a body in another media type', async () => {
    assert.equal(await status('{"name":"Zoé"}', 'text/plain'), 415);
    assert.equal(await status('name=Zo%C3%A9', 'application/x-www-form-urlencoded'), 415);
    assert.equal(await status('{"name":"Zoé"}', undefined), 415);
  });

  it('answers 400 for malformed or too deep JSON, 422 for JSON that is not an object', async () => {
    assert.equal(await status('{"name":', 'application/json'), 400);
    // 5,000 arrays inside "name": far beyond the 32 levels allowed, and no stack overflow
    assert.equal(await status(`{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'application/json'), 400);
    for (const text of ['"x"', 'null', '[]', '42']) assert.equal(await status(text, 'application/json'), 422, text);
  });
});
