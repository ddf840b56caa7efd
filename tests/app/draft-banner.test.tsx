import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftBanner } from '../../src/app/forms/draft-banner';
import { unplacedErrors } from '../../src/app/forms/field-errors';

describe('errors no field shows', () => {
  it('lists each message that no field on screen shows, once', () => {
    const errors = {
      title: 'err.title',
      agreement: 'err.agreement',
      'agreement.agreementNo': 'err.textTooLong',
      'sessions.0.place': 'err.textTooLong',
    } as const;
    expect(unplacedErrors(errors, ['请填写纠纷名称'])).toEqual(['err.agreement', 'err.textTooLong']);
    expect(unplacedErrors(errors, ['请填写纠纷名称', '调解成功需填写调解协议', '内容过长，请精简'])).toEqual(
      [],
    );
  });
});

describe('draft banner', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('says the draft was restored, what changed meanwhile, and gives the draft up on 放弃草稿', () => {
    const host = document.createElement('div');
    document.body.append(host);
    let discarded = 0;
    act(() =>
      render(
        <DraftBanner
          changedOnServer
          droppedPhotos={2}
          onDiscard={() => {
            discarded += 1;
          }}
        />,
        host,
      ),
    );
    expect(host.textContent).toContain('已恢复上次未保存的内容');
    expect(host.textContent).toContain('记录已被他人修改，保存时将合并');
    expect(host.textContent).toContain('新拍的 2 张照片未能保留，请重新拍摄');
    act(() => host.querySelector('button')?.click());
    expect(discarded).toBe(1);
  });

  it('says only that the draft was restored when nothing else happened', () => {
    const host = document.createElement('div');
    document.body.append(host);
    act(() => render(<DraftBanner changedOnServer={false} droppedPhotos={0} onDiscard={() => {}} />, host));
    expect(host.querySelector('p')?.textContent).toBe('已恢复上次未保存的内容');
    expect(host.querySelector('button')?.textContent).toBe('放弃草稿');
  });
});
