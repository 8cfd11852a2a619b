import { render } from 'preact';
import '../../src/ui/base.css';
import { Popup } from '../../src/ui/popup/Popup';

render(<Popup />, document.getElementById('app') as HTMLElement);
