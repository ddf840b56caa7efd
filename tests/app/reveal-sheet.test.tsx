import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MaskedValue } from '../../src/app/components/masked-value';
import { RevealSheet } from '../../src/app/components/reveal-sheet';
import { maskPhone } from '../../src/domain/masking';

function mount(node: preact.ComponentChild): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => render(node, host));
  return host;
}

function button(host: HTMLElement, text: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

async function tap(element: HTMLElement) {
  await act(async () => {
    element.click();
  });
}

describe('reveal sheet', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('asks for a reason, with a required note for 其他, before confirming', async () => {
    const onConfirm = vi.fn(async () => {});
    const host = mount(<RevealSheet onConfirm={onConfirm} onCancel={() => {}} />);
    expect(host.querySelector('[role="dialog"]')?.textContent).toContain('查看将被记录');
    const confirm = button(host, '确认查看');
    expect(confirm.disabled).toBe(true);

    await tap(button(host, '其他（需说明）'));
    await tap(confirm);
    expect(onConfirm).not.toHaveBeenCalled();
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('选择“其他”时必须填写说明');

    const note = host.querySelector('textarea') as HTMLTextAreaElement;
    await act(async () => {
      note.value = '  街道要求核对  ';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await tap(confirm);
    expect(onConfirm).toHaveBeenCalledWith('other', '街道要求核对');
  });

  it('confirms a listed reason without a note', async () => {
    const onConfirm = vi.fn(async () => {});
    const host = mount(<RevealSheet onConfirm={onConfirm} onCancel={() => {}} />);
    await tap(button(host, '联系当事人'));
    expect(button(host, '联系当事人').getAttribute('aria-pressed')).toBe('true');
    await tap(button(host, '确认查看'));
    expect(onConfirm).toHaveBeenCalledWith('contactParty', '');
  });
});

describe('masked value', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('keeps the value masked when the reveal cannot be recorded', async () => {
    const host = mount(
      <MaskedValue value="13812341234" mask={maskPhone} tel recordId="r1" field="body.landlordPhone" />,
    );
    expect(host.textContent).toContain('138****1234');
    await tap(button(host, '显示'));
    await tap(button(host, '核实身份'));
    await tap(button(host, '确认查看'));
    // Nobody is signed in here, so there is no device database to queue the audit entry in.
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('未能记录本次查看，信息未显示，请重试');
    expect(host.textContent).not.toContain('13812341234');
    await tap(button(host, '取消'));
    expect(host.querySelector('[role="dialog"]')).toBeNull();
    expect(host.textContent).toContain('138****1234');
  });
});
