import { type Check, type Commitment, listMatters, type Matter, signCommitment } from '@credit-check/sdk';
import type { ReactiveController, TemplateResult } from 'lit';
import type { CreditCheckHost, Readings } from '../host.ts';
import { failureText } from '../messages.ts';
import { applicantTemplate } from '../templates/applicant.ts';

export type ApplicantReadings = Pick<Readings, 'connection' | 'subject'>;

/**
 * Applicant mode (online channel): the matter's standard commitment text and signing a 告知承诺 or
 * 容缺受理 commitment where the subject is eligible (002 (一); 001 (一)2; 004 1). A chunk of its own,
 * loaded by ApplicantMode: the window counter never downloads it.
 */
export class ApplicantController implements ReactiveController {
  matters: Matter[] | undefined;
  loadError: string | undefined;
  signed: Commitment | undefined;
  signError: string | undefined;

  private readonly host: CreditCheckHost;
  private readonly read: ApplicantReadings;

  constructor(host: CreditCheckHost, read: ApplicantReadings) {
    this.host = host;
    this.read = read;
    host.addController(this);
  }

  hostUpdated(): void {
    // Loaded once; a failure is shown with a retry, never retried on its own (no request loop).
    if (this.host.mode === 'applicant' && this.host.state === 'done' && !this.matters && !this.loadError) void this.load();
  }

  /** The result for the applicant: the fast routes open to them and the commitment to sign. */
  view(result: Check): TemplateResult {
    return applicantTemplate(result, {
      lang: this.host.lang,
      matter: this.matter(),
      loadError: this.loadError,
      signed: this.signed,
      signError: this.signError,
      onRetry: () => this.retry(),
      onSign: (e) => void this.sign(e),
    });
  }

  /** A new check: nothing signed for it yet. */
  reset(): void {
    this.signed = undefined;
  }

  /** The matter being handled, once the catalogue is loaded. */
  matter(): Matter | undefined {
    return this.matters?.find((m) => m.code === this.host.matter);
  }

  /** Clears a load failure: the next update loads again. */
  retry(): void {
    this.loadError = undefined;
    this.host.requestUpdate();
  }

  private async load(): Promise<void> {
    this.matters = [];
    try {
      this.matters = (await listMatters(this.read.connection())).matters;
    } catch (error) {
      this.matters = undefined;
      this.loadError = failureText(error, this.host.lang).text;
    }
    this.host.requestUpdate();
  }

  async sign(event: Event): Promise<void> {
    event.preventDefault();
    const subject = this.read.subject();
    const matter = this.matter();
    if (!subject || !matter?.commitmentText) return;
    const data = new FormData(event.target as HTMLFormElement);
    const type = data.get('type') as 'informed' | 'tolerance';
    const deadline = String(data.get('deadline') ?? '');
    const materials = String(data.get('materials') ?? '')
      .split(/[,，、]/)
      .map((m) => m.trim())
      .filter(Boolean);
    this.signError = undefined;
    try {
      this.signed = await signCommitment(this.read.connection(), {
        subject: { idType: subject.idType, id: subject.id },
        type,
        matter: matter.code,
        textVersion: matter.commitmentText.version,
        ...(this.host.applicationId ? { applicationId: this.host.applicationId } : {}),
        ...(type === 'tolerance' ? { deadline, missingMaterials: materials } : {}),
      });
    } catch (error) {
      this.signError = failureText(error, this.host.lang).text;
    }
    this.host.requestUpdate();
  }
}
